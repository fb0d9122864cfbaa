using System.Globalization;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// The memory limit of the control group a process runs in: what a container's memory limit becomes on Linux. cgroup v2
/// keeps it in <c>memory.max</c>, v1 in the memory controller's <c>memory.limit_in_bytes</c>. No limit is null: v2 says
/// <c>max</c>, v1 a number near 2^63 (its page counter's maximum in bytes).
/// </summary>
/// <param name="membershipFile">The process's <c>/proc/&lt;pid&gt;/cgroup</c>, which names its group in each hierarchy.</param>
/// <param name="mountRoot">Where the hierarchies are mounted, <c>/sys/fs/cgroup</c>.</param>
internal sealed class ControlGroupMemory(string membershipFile, string mountRoot)
{
    // Any real limit is far below this; v1's "unlimited" (0x7FFFFFFFFFFFF000 with 4 KiB pages) is above it.
    private const long NoLimitAbove = 1L << 62;

    /// <summary>The exporter's own control group.</summary>
    public static ControlGroupMemory OfThisProcess { get; } = new("/proc/self/cgroup", "/sys/fs/cgroup");

    /// <summary>
    /// The limit in bytes, or null when there is none or it cannot be read (not Linux, no memory controller). A group's
    /// path is looked up under the mount; where the mount shows only the group itself (a container with its own cgroup
    /// namespace, or a v1 mount of the container's group), the file at the mount's root is the group's.
    /// </summary>
    public long? Limit()
    {
        string membership;
        try
        {
            membership = File.ReadAllText(membershipFile);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        foreach (var line in membership.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            // hierarchy-id:controllers:path; cgroup v2's line is "0::path".
            var parts = line.Split(':', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            var group = parts[2].TrimEnd('/');
            if (parts[0] == "0" && parts[1].Length == 0 && File.Exists(Path.Combine(mountRoot, "cgroup.controllers")))
            {
                return Read(Path.Combine(mountRoot, group.TrimStart('/')), mountRoot, "memory.max", ParseMemoryMax);
            }

            if (parts[1].Split(',').Contains("memory", StringComparer.Ordinal))
            {
                var hierarchy = Path.Combine(mountRoot, "memory");
                return Read(Path.Combine(hierarchy, group.TrimStart('/')), hierarchy, "memory.limit_in_bytes", ParseLimitInBytes);
            }
        }

        return null;
    }

    /// <summary>A cgroup v2 <c>memory.max</c>: bytes, or <c>max</c> for none.</summary>
    public static long? ParseMemoryMax(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        return value == "max" ? null : long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>A cgroup v1 <c>memory.limit_in_bytes</c>: bytes, where a number beyond any memory means none.</summary>
    public static long? ParseLimitInBytes(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = ulong.Parse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
        return value >= NoLimitAbove ? null : (long)value;
    }

    private static long? Read(string groupFolder, string hierarchyRoot, string fileName, Func<string, long?> parse)
    {
        foreach (var folder in new[] { groupFolder, hierarchyRoot })
        {
            var file = Path.Combine(folder, fileName);
            try
            {
                return parse(File.ReadAllText(file));
            }
            catch (Exception failure) when (failure is FileNotFoundException or DirectoryNotFoundException)
            {
                // Not under the mount: try the mount's root.
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException or OverflowException)
            {
                return null;
            }
        }

        return null;
    }
}
