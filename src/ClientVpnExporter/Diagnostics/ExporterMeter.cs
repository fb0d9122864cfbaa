using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// The one meter identity every exporter instrument is created under. Its name and version are the
/// <c>otel_scope_name</c> and <c>otel_scope_version</c> labels of every series, so they are part of the exporter's output.
/// </summary>
internal static class ExporterMeter
{
    /// <summary>The meter name, and the <c>otel_scope_name</c> label.</summary>
    public const string Name = "ClientVpnExporter";

    /// <summary>The meter version, and the <c>otel_scope_version</c> label.</summary>
    public static string Version => BuildInfo.Version;

    /// <summary>A meter of this identity from the host's factory, which disposes it with the host.</summary>
    public static Meter Create(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(Name, Version);
    }
}
