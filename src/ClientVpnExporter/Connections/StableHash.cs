namespace ClientVpnExporter.Connections;

/// <summary>
/// Hashes that are the same in every process, unlike <see cref="string.GetHashCode()"/>: for label values
/// that must not change across restarts, and for counting distinct label sets without keeping them.
/// </summary>
internal static class StableHash
{
    private const ulong Offset64 = 14695981039346656037;
    private const ulong Prime64 = 1099511628211;

    public static uint Fnv1a32(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hash = 2166136261u;
        foreach (var c in value)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>A 64-bit hash of a label set, order-sensitive, with separators so that ("ab","c") differs from ("a","bc").</summary>
    public static ulong OfTags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = Offset64;
        foreach (var tag in tags)
        {
            hash = Mix(hash, tag.Key);
            hash = Mix(hash, tag.Value?.ToString() ?? "");
        }

        return hash;
    }

    private static ulong Mix(ulong hash, string value)
    {
        foreach (var c in value)
        {
            hash = (hash ^ c) * Prime64;
        }

        return (hash ^ 0xFFFF) * Prime64;
    }
}
