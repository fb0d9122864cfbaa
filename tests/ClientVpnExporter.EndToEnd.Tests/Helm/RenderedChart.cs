using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>The objects <c>helm template</c> rendered from the chart with a set of values, and ways to find them.</summary>
internal sealed partial class RenderedChart
{
    public const string Release = "vpn";

    public const string Namespace = "monitoring";

    private RenderedChart(IReadOnlyList<JsonObject> objects) => this.Objects = objects;

    public IReadOnlyList<JsonObject> Objects { get; }

    /// <summary>The release's full name with the chart's default naming: release-chart.</summary>
    public static string FullName => $"{Release}-clientvpn-exporter";

    public JsonObject Deployment => this.Single("Deployment");

    /// <summary>What runs the pods: the Deployment, or with sharding the StatefulSet.</summary>
    public JsonObject Workload => this.Objects.Single(o => (string?)o["kind"] is "Deployment" or "StatefulSet");

    /// <summary>The name of the workload's first pod, as Kubernetes names it and sets it as the pod's HOSTNAME.</summary>
    public string FirstPodName => (string?)this.Workload["kind"] == "StatefulSet"
        ? $"{this.Workload["metadata"]!["name"]}-0"
        : $"{this.Workload["metadata"]!["name"]}-7d9c5b8f4-x2x7q";

    public JsonObject PodSpec => this.Workload["spec"]!["template"]!["spec"]!.AsObject();

    public JsonObject Container => this.PodSpec["containers"]!.AsArray().Single()!.AsObject();

    /// <summary>
    /// Runs <c>helm template</c> with <paramref name="values"/> and then <paramref name="overlay"/> (two <c>-f</c>
    /// files, merged by Helm); the result is Helm's exit code and its two streams.
    /// </summary>
    public static Task<SeparateOutput> TemplateAsync(string values, string? kubeVersion = null, string overlay = "") =>
        HelmWithValuesAsync(["template", Release, RepositoryPaths.Chart, "--namespace", Namespace], values, overlay, kubeVersion);

    /// <summary><c>helm lint --strict</c> with the values, as <see cref="TemplateAsync"/> gives them.</summary>
    public static Task<SeparateOutput> LintAsync(string values, string? kubeVersion = null) =>
        HelmWithValuesAsync(["lint", "--strict", RepositoryPaths.Chart], values, "", kubeVersion);

    /// <summary>The NOTES.txt Helm prints after an install: <c>helm install --dry-run=client</c>, which needs no cluster.</summary>
    public static async Task<string> NotesAsync(string values, string overlay = "")
    {
        var result = await HelmWithValuesAsync(["install", Release, RepositoryPaths.Chart, "--namespace", Namespace, "--dry-run=client"], values, overlay, null);
        Assert.True(result.ExitCode == 0, $"helm install --dry-run=client failed:\n{result.StandardError}");
        var notes = result.StandardOutput.IndexOf("\nNOTES:\n", StringComparison.Ordinal);
        Assert.True(notes >= 0, "helm install printed no NOTES");
        return result.StandardOutput[(notes + "\nNOTES:\n".Length)..];
    }

    /// <summary>Renders the chart; fails the test with Helm's error when it does not render.</summary>
    public static async Task<RenderedChart> RenderAsync(string values, string? kubeVersion = null, string overlay = "")
    {
        var result = await TemplateAsync(values, kubeVersion, overlay);
        Assert.True(result.ExitCode == 0, $"helm template failed ({result.ExitCode}):\n{result.StandardError}");
        return Parse(result.StandardOutput);
    }

    public static RenderedChart Parse(string manifests)
    {
        // Helm separates the documents with a line "---"; inside a block scalar such a line would be indented.
        var objects = DocumentSeparator().Split(manifests)
            .Select(Yaml.Parse)
            .OfType<JsonObject>()
            .ToList();
        return new RenderedChart(objects);
    }

    /// <summary>Runs a Helm command with the values and the overlay in scratch files for <c>-f</c>.</summary>
    private static async Task<SeparateOutput> HelmWithValuesAsync(string[] command, string values, string overlay, string? kubeVersion)
    {
        var file = Path.Combine(Path.GetTempPath(), $"clientvpn-values-{Guid.NewGuid():N}.yaml");
        var overlayFile = Path.Combine(Path.GetTempPath(), $"clientvpn-values-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, values);
        await File.WriteAllTextAsync(overlayFile, overlay);
        try
        {
            return await ChartTools.HelmAsync(
            [
                .. command, "-f", file, "-f", overlayFile,
                .. kubeVersion is null ? Array.Empty<string>() : ["--kube-version", kubeVersion],
            ]);
        }
        finally
        {
            File.Delete(file);
            File.Delete(overlayFile);
        }
    }

    public IEnumerable<JsonObject> OfKind(string kind) => this.Objects.Where(o => (string?)o["kind"] == kind);

    public JsonObject Single(string kind)
    {
        var found = this.OfKind(kind).ToList();
        Assert.True(found.Count == 1, $"expected one {kind}, rendered {found.Count}");
        return found[0];
    }

    public JsonObject? Find(string kind, string name) =>
        this.OfKind(kind).SingleOrDefault(o => (string?)o["metadata"]!["name"] == name);

    /// <summary>A key of a rendered Secret (data is base64, stringData plain), or null when the chart did not render it.</summary>
    public string? SecretText(string name, string key)
    {
        if (this.Find("Secret", name) is not { } secret)
        {
            return null;
        }

        if ((string?)secret["stringData"]?[key] is { } text)
        {
            return text;
        }

        return (string?)secret["data"]?[key] is { } encoded ? Encoding.UTF8.GetString(Convert.FromBase64String(encoded)) : null;
    }

    public string? ConfigMapText(string name, string key) => (string?)this.Find("ConfigMap", name)?["data"]?[key];

    /// <summary>The container's environment variables with a literal value.</summary>
    public Dictionary<string, string> Environment() =>
        (this.Container["env"]?.AsArray() ?? [])
            .Where(e => e!["value"] is not null)
            .ToDictionary(e => (string)e!["name"]!, e => (string)e!["value"]!, StringComparer.Ordinal);

    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
