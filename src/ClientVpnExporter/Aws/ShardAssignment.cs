using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Which shard owns a target, by rendezvous (highest random weight) hashing: every shard scores the target, and the
/// highest score owns it. Every process computes the same owner from the same key with no coordination, each target has
/// exactly one, and going from N to N + 1 shards moves only the targets the new shard now wins, about 1/(N + 1).
/// </summary>
internal sealed class ShardAssignment(int shards, int index)
{
    /// <summary>The shard count.</summary>
    public int Shards { get; } = shards;

    /// <summary>This exporter's shard.</summary>
    public int Index { get; } = index;

    /// <summary>The assignment <paramref name="options"/> configure, <c>auto</c> resolved from <paramref name="hostName"/>; validation has checked it.</summary>
    public static ShardAssignment For(ShardingOptions options, string hostName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (index, problem) = ShardIndex.Resolve(options, hostName);
        return problem is null ? new ShardAssignment(options.Shards, index) : throw new InvalidConfigurationException(problem);
    }

    /// <summary>Whether this shard reads the target of <paramref name="accountKey"/> in <paramref name="region"/>.</summary>
    public bool Owns(string accountKey, string region) => this.Shards == 1 || OwnerOf(accountKey, region, this.Shards) == this.Index;

    /// <summary>
    /// The shard of <paramref name="shards"/> that owns the target: keyed by the account id where the key names one (a role
    /// ARN, so two roles' names for one account do not matter), else the key, and the region.
    /// </summary>
    public static int OwnerOf(string accountKey, string region, int shards)
    {
        ArgumentNullException.ThrowIfNull(accountKey);
        var key = (ulong)StableHash.Fnv1a32((AwsAccounts.AccountIdOf(accountKey) ?? accountKey) + "|" + region) << 32;
        var owner = 0;
        var best = 0UL;
        for (var shard = 0; shard < shards; shard++)
        {
            var score = Mix(key | (uint)shard);
            if (shard == 0 || score > best)
            {
                (owner, best) = (shard, score);
            }
        }

        return owner;
    }

    /// <summary>SplitMix64's finalizer: FNV-1a alone mixes too little for scores of keys that differ only in the shard number.</summary>
    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9UL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}
