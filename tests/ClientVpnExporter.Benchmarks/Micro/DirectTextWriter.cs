using System.Globalization;
using System.Text;
using ClientVpnExporter.Metrics;
using ClientVpnExporter.State;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// A prototype of a proposed fix, not the exporter's code: the fleet series written as Prometheus text straight
/// from the snapshot to the response stream, without the OpenTelemetry SDK's aggregation in between (the values
/// already live in the exporter's ledger) and so without the Prometheus exporter's 100 MiB response buffer. Its
/// output has the same series and values (without the <c>otel_scope_*</c> labels).
/// </summary>
internal static class DirectTextWriter
{
    public static async Task WriteAsync(IReadOnlyList<SeriesDefinition> definitions, FleetSnapshot snapshot, Stream body)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        foreach (var definition in definitions)
        {
            var name = PrometheusName(definition);
            var type = definition.Kind == SeriesKind.LongCounter ? "counter" : "gauge";
            await writer.WriteAsync($"# HELP {name} {definition.Description}\n# TYPE {name} {type}\n");
            var sink = new MeasurementSink();
            definition.Write(snapshot, sink);
            foreach (var m in sink.Longs)
            {
                WriteSample(writer, name, m.Tags, m.Value.ToString(CultureInfo.InvariantCulture));
            }

            foreach (var m in sink.Doubles)
            {
                WriteSample(writer, name, m.Tags, m.Value.ToString("R", CultureInfo.InvariantCulture));
            }
        }
    }

    private static string PrometheusName(SeriesDefinition definition)
    {
        var name = definition.Unit switch
        {
            "By" => definition.Name + "_bytes",
            "s" => definition.Name + "_seconds",
            _ => definition.Name,
        };
        return definition.Kind == SeriesKind.LongCounter ? name + "_total" : name;
    }

    private static void WriteSample(StreamWriter writer, string name, ReadOnlySpan<KeyValuePair<string, object?>> tags, string value)
    {
        writer.Write(name);
        writer.Write('{');
        for (var i = 0; i < tags.Length; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(tags[i].Key);
            writer.Write("=\"");
            foreach (var c in tags[i].Value?.ToString() ?? "")
            {
                switch (c)
                {
                    case '\\':
                        writer.Write("\\\\");
                        break;
                    case '"':
                        writer.Write("\\\"");
                        break;
                    case '\n':
                        writer.Write("\\n");
                        break;
                    default:
                        writer.Write(c);
                        break;
                }
            }

            writer.Write('"');
        }

        writer.Write("} ");
        writer.Write(value);
        writer.Write('\n');
    }
}
