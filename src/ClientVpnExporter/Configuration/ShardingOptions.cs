namespace ClientVpnExporter.Configuration;

/// <summary>
/// Sharing the targets (account × region) among several exporters, as kube-state-metrics does: each of
/// <see cref="Shards"/> processes reads the targets rendezvous hashing gives its <see cref="Index"/>.
/// </summary>
public sealed class ShardingOptions
{
    /// <summary>The value of <see cref="Index"/> that takes the index from the ordinal ending the host name (a StatefulSet pod's).</summary>
    public const string AutoIndex = "auto";

    /// <summary>The largest number of shards allowed.</summary>
    public const int MaxShards = 1000;

    /// <summary>How many exporters share the targets; 1: this one reads them all.</summary>
    public int Shards { get; set; } = 1;

    /// <summary>This exporter's shard, 0 to <see cref="Shards"/> − 1, or <c>auto</c>: the ordinal at the end of the host name (<c>clientvpn-exporter-2</c> is 2).</summary>
    public string Index { get; set; } = "0";
}
