using System.Text.Json.Nodes;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>The chart's values.yaml and values.schema.json, read as the tests compare them with the docs.</summary>
internal static class ChartValues
{
    public static string ValuesFile => Path.Combine(RepositoryPaths.Chart, "values.yaml");

    public static string SchemaFile => Path.Combine(RepositoryPaths.Chart, "values.schema.json");

    public static JsonObject Load() => Yaml.LoadFile(ValuesFile)!.AsObject();

    public static JsonObject Schema() => JsonNode.Parse(File.ReadAllText(SchemaFile))!.AsObject();

    /// <summary>The value at a dotted path (<c>config.regions</c>), or null when a step is missing.</summary>
    public static JsonNode? At(JsonNode root, string path, out bool found)
    {
        JsonNode? node = root;
        found = true;
        foreach (var step in path.Split('.'))
        {
            if (node is JsonObject o && o.TryGetPropertyValue(step, out var next))
            {
                node = next;
            }
            else
            {
                found = false;
                return null;
            }
        }

        return node;
    }

    /// <summary>
    /// The paths a user sets: the leaves of values.yaml, going into an object only where the schema fixes its
    /// properties (maps such as podAnnotations are one value).
    /// </summary>
    public static IReadOnlyList<string> DocumentedPaths()
    {
        var paths = new List<string>();
        Collect(Load(), Schema(), "", paths);
        return paths;
    }

    private static void Collect(JsonObject values, JsonObject schema, string prefix, List<string> paths)
    {
        foreach (var (key, value) in values)
        {
            var path = prefix.Length == 0 ? key : $"{prefix}.{key}";
            var propertySchema = schema["properties"]?[key] as JsonObject;
            if (value is JsonObject child && propertySchema is not null
                && propertySchema["additionalProperties"] is JsonValue v && v.GetValue<bool>() == false
                && propertySchema["properties"] is JsonObject)
            {
                Collect(child, propertySchema, path, paths);
            }
            else
            {
                paths.Add(path);
            }
        }
    }
}
