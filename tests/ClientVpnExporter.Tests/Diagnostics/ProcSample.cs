namespace ClientVpnExporter.Tests.Diagnostics;

/// <summary>The files captured from /proc on Linux (ProcSamples/, copied beside the tests).</summary>
internal static class ProcSample
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Diagnostics", "ProcSamples", name));
}
