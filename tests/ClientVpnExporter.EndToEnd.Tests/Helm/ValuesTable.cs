using System.Text;
using System.Text.Json.Nodes;
using ClientVpnExporter.EndToEnd.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>
/// The chart README's values table, made the way helm-docs makes one: a row per value with its type, its default
/// and the description of its "# --" comment in values.yaml (continued by the comment lines after it), in the
/// file's order.
/// </summary>
internal static class ValuesTable
{
    public const string Start = "<!-- values table: generated from values.yaml by tests/ClientVpnExporter.EndToEnd.Tests/Helm/ValuesTable.cs -->";

    public const string End = "<!-- end of values table -->";

    /// <summary>The "# --" description of every key path in values.yaml.</summary>
    public static IReadOnlyDictionary<string, string> Descriptions()
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        var parser = new Parser(new Scanner(new StringReader(File.ReadAllText(ChartValues.ValuesFile)), skipComments: false));
        // Each open collection: its path, and for a mapping whether the next scalar is a key.
        var stack = new Stack<(string Path, bool Mapping, bool ExpectKey)>();
        string? key = null;
        List<string>? pending = null;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case Comment { IsInline: false } comment:
                    var text = comment.Value.Trim();
                    if (text.StartsWith("--", StringComparison.Ordinal))
                    {
                        pending = [text[2..].Trim()];
                    }
                    else
                    {
                        pending?.Add(text);
                    }

                    break;
                case Scalar scalar when stack.Count > 0 && stack.Peek() is { Mapping: true, ExpectKey: true } frame:
                    key = frame.Path.Length == 0 ? scalar.Value : $"{frame.Path}.{scalar.Value}";
                    if (pending is not null)
                    {
                        descriptions[key] = string.Join(' ', pending);
                        pending = null;
                    }

                    Flip(stack, expectKey: false);
                    break;
                case Scalar:
                    Flip(stack, expectKey: true);
                    break;
                case MappingStart or SequenceStart:
                    var path = stack.Count == 0 ? "" : stack.Peek().Mapping ? key! : stack.Peek().Path + "[]";
                    stack.Push((path, parser.Current is MappingStart, true));
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    Flip(stack, expectKey: true);
                    break;
                default:
                    break;
            }
        }

        return descriptions;
    }

    /// <summary>The table, between its markers.</summary>
    public static string Generate()
    {
        var values = ChartValues.Load();
        var descriptions = Descriptions();
        var table = new StringBuilder();
        table.AppendLine(Start);
        table.AppendLine("| Key | Type | Default | Description |");
        table.AppendLine("|-----|------|---------|-------------|");
        foreach (var path in ChartValues.DocumentedPaths())
        {
            var value = ChartValues.At(values, path, out _);
            var description = descriptions.GetValueOrDefault(path, "");
            table.AppendLine($"| {path} | {TypeOf(value)} | `{Escape(value?.ToJsonString() ?? "null")}` | {Escape(description)} |");
        }

        table.Append(End);
        return table.ToString();
    }

    private static void Flip(Stack<(string Path, bool Mapping, bool ExpectKey)> stack, bool expectKey)
    {
        if (stack.Count > 0 && stack.Peek().Mapping)
        {
            var top = stack.Pop();
            stack.Push(top with { ExpectKey = expectKey });
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        JsonObject => "object",
        JsonArray => "list",
        JsonValue v when v.TryGetValue<bool>(out _) => "bool",
        JsonValue v when v.TryGetValue<long>(out _) => "int",
        JsonValue v when v.TryGetValue<double>(out _) => "float",
        JsonValue => "string",
        _ => "null",
    };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
