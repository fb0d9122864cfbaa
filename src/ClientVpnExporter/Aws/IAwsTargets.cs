namespace ClientVpnExporter.Aws;

/// <summary>Gives the accounts and regions the exporter reads, each with its EC2 client.</summary>
internal interface IAwsTargets
{
    /// <summary>The targets this exporter reads: with sharding, its shard's.</summary>
    IReadOnlyList<AwsTarget> Targets { get; }

    /// <summary>How many targets there are in all, before sharding: what the shards together must cover.</summary>
    int Seen { get; }
}
