using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Connections;

/// <summary>Connection fields that could not be parsed or were implausible, by their API field name.</summary>
internal sealed class ParseMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Counter<long> errors;

    public ParseMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Connections);
        this.errors = this.meter.CreateCounter<long>(
            "clientvpn_exporter_parse_errors",
            unit: "{error}",
            description: "Connection fields whose value could not be parsed or was implausible, by API field name. The field keeps its last good value; the rest of the connection still counts.");
    }

    /// <summary>Counts each of <paramref name="errors"/> by its field.</summary>
    public void Count(IEnumerable<ParseError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var error in errors)
        {
            this.errors.Add(1, new KeyValuePair<string, object?>("field", ConnectionFieldNames.Of(error.Field)));
        }
    }

    public void Dispose() => this.meter.Dispose();
}
