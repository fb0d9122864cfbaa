namespace ClientVpnExporter.Aws;

/// <summary>Gives the accounts and regions the exporter reads, each with its EC2 client.</summary>
internal interface IAwsTargets
{
    /// <summary>The targets this exporter reads now: with sharding, its shard's; with an organisation, those of its last good refresh.</summary>
    IReadOnlyList<AwsTarget> Targets { get; }

    /// <summary>How many targets there are in all, before sharding: what the shards together must cover.</summary>
    int Seen { get; }

    /// <summary>Whether the targets are discovered (an organisation) and change while the exporter runs, rather than configured.</summary>
    bool Discovered => false;

    /// <summary>Completes once <see cref="Targets"/> is known: at once for configured targets, after the first refresh for discovered ones.</summary>
    Task WaitKnownAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
