using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Health;

/// <summary>One endpoint the health loop reads, and the target to read it through.</summary>
internal sealed record HealthSubject(AwsTarget Target, EndpointDescription Description);
