using System.Globalization;
using System.Text;

namespace ClientVpnExporter.Tests.Support;

/// <summary>One sample of a Prometheus text exposition.</summary>
internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string Label(string name) => this.Labels.TryGetValue(name, out var value) ? value : "";
}

/// <summary>A small reader of the Prometheus text format, enough to compare scrapes with ground truth.</summary>
internal static class PrometheusText
{
    public static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var labels = new Dictionary<string, string>();
            int nameEnd = line.IndexOfAny(['{', ' ']);
            var name = line[..nameEnd];
            var i = nameEnd;
            if (line[i] == '{')
            {
                i++;
                while (line[i] != '}')
                {
                    var eq = line.IndexOf('=', i);
                    var key = line[i..eq];
                    i = eq + 2; // skip ="
                    var value = new StringBuilder();
                    while (line[i] != '"')
                    {
                        if (line[i] == '\\')
                        {
                            i++;
                            value.Append(line[i] switch { 'n' => '\n', var c => c });
                        }
                        else
                        {
                            value.Append(line[i]);
                        }

                        i++;
                    }

                    labels[key] = value.ToString();
                    i++; // closing quote
                    if (line[i] == ',')
                    {
                        i++;
                    }
                }

                i++; // closing brace
            }

            var fields = line[i..].Trim().Split(' ');
            samples.Add(new Sample(name, labels, ParseValue(fields[0])));
        }

        return samples;
    }

    private static double ParseValue(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
