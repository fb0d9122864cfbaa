using System.Globalization;
using System.Runtime.InteropServices;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>The machine the benchmark ran on, and how busy it was.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, double MemoryGiB, string Runtime, string Os, double Load1, double Load5, double Load15)
{
    public static MachineInfo Read()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        var memoryKb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var load = File.ReadAllText("/proc/loadavg").Split(' ');
        return new MachineInfo(
            cpu,
            Environment.ProcessorCount,
            double.Parse(memoryKb, CultureInfo.InvariantCulture) / (1024 * 1024),
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.OSDescription,
            double.Parse(load[0], CultureInfo.InvariantCulture),
            double.Parse(load[1], CultureInfo.InvariantCulture),
            double.Parse(load[2], CultureInfo.InvariantCulture));
    }

    public string Describe() => FormattableString.Invariant(
        $"{this.Cores} cores ({this.Cpu}), {this.MemoryGiB:0.#} GiB, {this.Runtime}, {this.Os}; load average {this.LoadText}");

    public string LoadText => FormattableString.Invariant($"{this.Load1:0.00} / {this.Load5:0.00} / {this.Load15:0.00}");
}
