using Amazon.EC2;

namespace ClientVpnExporter.Aws;

/// <summary>One account and region the exporter reads, with the EC2 client for it.</summary>
/// <param name="Account">The account's key: its role ARN, or <see cref="AwsAccounts.Default"/> for the exporter's own.</param>
/// <param name="Region">The AWS region, e.g. <c>us-east-1</c>.</param>
/// <param name="Client">The EC2 client for that account and region.</param>
internal sealed record AwsTarget(string Account, string Region, IAmazonEC2 Client);
