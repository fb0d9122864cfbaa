using System.Globalization;

namespace ClientVpnExporter.Diagnostics;

/// <summary>Reads <c>/proc/&lt;pid&gt;/limits</c>, the table of a process's resource limits.</summary>
internal static class ProcessLimits
{
    /// <summary>
    /// What client_golang (procfs) publishes for a limit of <c>unlimited</c>: the largest unsigned 64-bit value, as
    /// <c>RLIM_INFINITY</c> is in the kernel.
    /// </summary>
    public const double Unlimited = ulong.MaxValue;

    private const string OpenFiles = "Max open files";

    /// <summary>
    /// The soft limit on open file descriptors (<c>RLIMIT_NOFILE</c>, what <c>ulimit -Sn</c> shows). Throws
    /// <see cref="FormatException"/> when the table has no such row.
    /// </summary>
    public static double MaxOpenFiles(string limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        foreach (var line in limits.Split('\n'))
        {
            if (line.StartsWith(OpenFiles, StringComparison.Ordinal))
            {
                // The columns are padded with spaces: the row's name, then Soft Limit, Hard Limit and Units.
                var soft = line[OpenFiles.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return soft == "unlimited" ? Unlimited : ulong.Parse(soft, NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        throw new FormatException($"The limits table has no '{OpenFiles}' row.");
    }
}
