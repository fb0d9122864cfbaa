using Xunit.Abstractions;

namespace ClientVpnExporter.EndToEnd.Tests.Helm;

/// <summary>Every cell of the values matrix through the real Helm: lint --strict, template, and the objects' schemas.</summary>
public sealed class ChartMatrixTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cells => ValuesMatrix.Names;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell_LintsStrictly_Renders_AndEveryObjectMatchesItsKubernetesSchema(string name)
    {
        var cell = ValuesMatrix.Cell(name);

        var lint = await RenderedChart.LintAsync(cell.Values, cell.KubeVersion);
        var template = await RenderedChart.TemplateAsync(cell.Values, cell.KubeVersion);
        var rendered = template.ExitCode == 0 ? RenderedChart.Parse(template.StandardOutput) : null;
        var verdicts = rendered is null ? [] : await KubernetesSchemas.ValidateAsync(rendered.Objects);
        var invalid = verdicts.Where(v => !v.Ok).ToList();

        var kinds = rendered is null ? "" : string.Join(", ", rendered.Objects.GroupBy(o => (string)o["kind"]!).Select(g => g.Count() == 1 ? g.Key : $"{g.Count()} {g.Key}"));
        ChartReport.Write(output, string.Join(
            "  ",
            $"chart cell {name,-30}",
            $"lint {(lint.ExitCode == 0 ? "ok" : "FAILED")}",
            $"render {(rendered is null ? "FAILED" : $"ok ({rendered.Objects.Count} objects{(cell.KubeVersion is null ? "" : $", Kubernetes {cell.KubeVersion}")})")}",
            $"schema {(rendered is null ? "not run" : invalid.Count == 0 ? $"ok (Kubernetes {KubernetesSchemas.KubernetesVersion}, prometheus-operator)" : "FAILED")}",
            kinds.Length == 0 ? "" : $"[{kinds}]"));

        Assert.True(lint.ExitCode == 0, $"helm lint --strict failed:\n{lint.StandardOutput}\n{lint.StandardError}");
        Assert.True(template.ExitCode == 0, $"helm template failed:\n{template.StandardError}");
        Assert.True(invalid.Count == 0, string.Join('\n', invalid.Select(v => $"{v.Kind} {v.Name}: {string.Join("; ", v.Errors)}")));
        Assert.Equal(rendered!.Objects.Count, verdicts.Count);
    }

    [Fact]
    public async Task SchemaValidation_OfABrokenObject_FailsWithTheFieldItNames()
    {
        // The validator must be able to fail: the default Deployment with a containerPort that is not a number.
        var deployment = (await RenderedChart.RenderAsync("")).Deployment.DeepClone().AsObject();
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["containerPort"] = "http";
        var unknown = System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"}}""")!.AsObject();

        var verdicts = await KubernetesSchemas.ValidateAsync([deployment, unknown]);

        Assert.False(verdicts[0].Ok);
        Assert.Contains(verdicts[0].Errors, e => e.StartsWith("/spec/template/spec/containers/0/ports/0/containerPort must be integer", StringComparison.Ordinal));
        Assert.False(verdicts[1].Ok);
        Assert.Equal(["no schema for example.com/v1 Widget"], verdicts[1].Errors);
    }
}
