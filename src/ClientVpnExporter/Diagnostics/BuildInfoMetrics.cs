using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary><c>clientvpn_exporter_build_info</c>: the exporter's version and runtime as labels, always 1.</summary>
internal sealed class BuildInfoMetrics
{
    public BuildInfoMetrics(IMeterFactory meterFactory)
    {
        var meter = ExporterMeter.Create(meterFactory);
        meter.CreateObservableGauge(
            "clientvpn_exporter_build_info",
            static () => new Measurement<long>(1, new KeyValuePair<string, object?>("version", BuildInfo.Version), new KeyValuePair<string, object?>("runtime", BuildInfo.Runtime)),
            description: "The exporter's version and runtime; always 1.");
    }
}
