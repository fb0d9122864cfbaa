using Amazon.EC2;

namespace ClientVpnExporter.Aws;

/// <summary>Gives the EC2 client for each region the exporter reads.</summary>
internal interface IEc2ClientSource
{
    /// <summary>The regions to read, resolved from the configuration or the SDK's default region.</summary>
    IReadOnlyList<string> Regions { get; }

    IAmazonEC2 For(string region);
}
