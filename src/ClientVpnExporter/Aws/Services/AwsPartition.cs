namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The AWS partition of a region, for the default host names of the services called without an SDK (botocore's
/// endpoints.json): commercial, China and GovCloud. Other partitions need the service URL settings.
/// </summary>
internal sealed record AwsPartition(string DnsSuffix, string IamHost, string IamSigningRegion, string OrganizationsRegion)
{
    public static readonly AwsPartition Aws = new("amazonaws.com", "iam.amazonaws.com", "us-east-1", "us-east-1");

    public static readonly AwsPartition China = new("amazonaws.com.cn", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1", "cn-northwest-1");

    public static readonly AwsPartition GovCloud = new("amazonaws.com", "iam.us-gov.amazonaws.com", "us-gov-west-1", "us-gov-west-1");

    /// <summary>The partition <paramref name="region"/> is in.</summary>
    public static AwsPartition Of(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith("cn-", StringComparison.Ordinal) ? China
            : region.StartsWith("us-gov-", StringComparison.Ordinal) ? GovCloud
            : Aws;
    }
}
