namespace ClientVpnExporter.Aws;

/// <summary>Gives the accounts and regions the exporter reads, each with its EC2 client.</summary>
internal interface IAwsTargets
{
    IReadOnlyList<AwsTarget> Targets { get; }
}
