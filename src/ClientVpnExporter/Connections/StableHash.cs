namespace ClientVpnExporter.Connections;

/// <summary>
/// A hash that is the same in every process, unlike <see cref="string.GetHashCode()"/>: for label values
/// that must not change across restarts.
/// </summary>
internal static class StableHash
{
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
}
