namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>Which form of the exporter a measurement runs: the shipped Native AOT binary or the JIT build.</summary>
internal enum ExporterBuild
{
    Aot,
    Jit,
}
