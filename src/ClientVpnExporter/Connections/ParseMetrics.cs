using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Connections;

/// <summary>API fields (of connections, and an endpoint's CRL) that could not be parsed or were implausible, by their API field name.</summary>
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
            description: "API fields whose value could not be parsed or was implausible, by API field name: a connection's (that field keeps its last good value; the rest of the connection still counts) or an endpoint's certificateRevocationList (its CRL series keep their last values).");
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

    /// <summary>Counts one value of <paramref name="field"/> (an API field name) that did not parse.</summary>
    public void Count(string field) => this.errors.Add(1, new KeyValuePair<string, object?>("field", field));

    public void Dispose() => this.meter.Dispose();
}
