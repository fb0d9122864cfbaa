using System.Globalization;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// The figures of one <c>/proc/&lt;pid&gt;/stat</c> line that client_golang's process collector publishes, in the units it
/// publishes them: CPU seconds (user + system), virtual and resident bytes, and the start in seconds after boot.
/// </summary>
internal readonly record struct ProcessStat(double CpuSeconds, double VirtualMemoryBytes, double ResidentMemoryBytes, double StartSecondsAfterBoot)
{
    /// <summary>
    /// Clock ticks per second of the stat file's times. This is the kernel's USER_HZ, fixed at 100 in its user ABI on every
    /// architecture the exporter ships for; client_golang (procfs) assumes the same.
    /// </summary>
    public const double TicksPerSecond = 100;

    // Field numbers of proc(5), counted from 1 (pid); the fields after the command name start at 3 (state).
    private const int FirstFieldAfterName = 3;
    private const int UserTime = 14;
    private const int SystemTime = 15;
    private const int StartTime = 22;
    private const int VirtualSize = 23;
    private const int ResidentPages = 24;

    /// <summary>
    /// Parses a stat line. The command name is in parentheses and may itself hold spaces and parentheses, so the fields
    /// are counted from the last <c>)</c>. Throws <see cref="FormatException"/> for a line that is not a stat line.
    /// </summary>
    public static ProcessStat Parse(string line, long pageSize)
    {
        ArgumentNullException.ThrowIfNull(line);
        var nameEnd = line.LastIndexOf(')');
        if (nameEnd < 0)
        {
            throw new FormatException("A stat line has its command name in parentheses.");
        }

        var fields = line[(nameEnd + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length <= ResidentPages - FirstFieldAfterName)
        {
            throw new FormatException($"A stat line has at least {ResidentPages} fields; this one has {fields.Length + FirstFieldAfterName - 1}.");
        }

        ulong Field(int number) => ulong.Parse(fields[number - FirstFieldAfterName], NumberStyles.None, CultureInfo.InvariantCulture);

        return new ProcessStat(
            (Field(UserTime) + Field(SystemTime)) / TicksPerSecond,
            Field(VirtualSize),
            (double)Field(ResidentPages) * pageSize,
            Field(StartTime) / TicksPerSecond);
    }

    /// <summary>The boot time (<c>btime</c>, seconds since the epoch) of a <c>/proc/stat</c> text. Throws <see cref="FormatException"/> without one.</summary>
    public static long BootTime(string procStat)
    {
        ArgumentNullException.ThrowIfNull(procStat);
        foreach (var line in procStat.Split('\n'))
        {
            if (line.StartsWith("btime ", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            }
        }

        throw new FormatException("/proc/stat has no btime line.");
    }
}
