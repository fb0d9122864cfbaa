using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>One object's verdict from the schema packages.</summary>
internal sealed record SchemaVerdict(string Kind, string Name, bool Ok, IReadOnlyList<string> Errors);

/// <summary>
/// Validates objects against the Kubernetes 1.36 schemas (npm kubernetes-models) and the prometheus-operator CRD
/// schemas (npm @kubernetes-models/prometheus-operator), by running validate-objects.mjs with Node.js.
/// </summary>
internal static class KubernetesSchemas
{
    /// <summary>The Kubernetes release whose schemas kubernetes-models 5.1.0 carries (its changelog: "Update to Kubernetes v1.36.0").</summary>
    public const string KubernetesVersion = "1.36.0";

    private static readonly JsonSerializerOptions VerdictFormat = new(JsonSerializerDefaults.Web);

    public static async Task<IReadOnlyList<SchemaVerdict>> ValidateAsync(IEnumerable<JsonObject> objects)
    {
        var file = Path.Combine(Path.GetTempPath(), $"clientvpn-objects-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray([.. objects.Select(o => o.DeepClone())]).ToJsonString());
        try
        {
            var result = await ChartTools.RunAsync(ChartTools.Node, [ChartTools.ValidatorScript, ChartTools.NodeModules, file], TimeSpan.FromMinutes(1));
            var verdicts = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => JsonSerializer.Deserialize<SchemaVerdict>(line, VerdictFormat)!)
                .ToList();
            Assert.True(
                verdicts.Count > 0 && (result.ExitCode == 0) == verdicts.All(v => v.Ok),
                $"validate-objects.mjs exited {result.ExitCode} with {verdicts.Count} verdicts:\n{result.StandardOutput}\n{result.StandardError}");
            return verdicts;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
