using ClientVpnExporter.EndToEnd.Tests.Support;

namespace ClientVpnExporter.EndToEnd.Tests.Rules;

/// <summary>The canonical rules file through Prometheus' own checker and unit-test runner.</summary>
public class PromtoolTests
{
    // About 10 s of CPU for the unit tests; the mutation cases run them side by side on a loaded machine.
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task CheckRules_CanonicalRulesFile_Succeeds()
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Promtool, ["check", "rules", RepositoryPaths.RulesFile], null, Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestRules_UnitTestsBesideTheRules_AllPass()
    {
        var result = await ExternalTool.RunAsync(ExternalTool.Promtool, ["test", "rules", RepositoryPaths.RulesTestFile], null, Timeout);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vector(0.8)", "vector(0.9)")]
    [InlineData("vector(0.2)", "vector(0.5)")]
    [InlineData("for: 5m", "for: 7m")]
    [InlineData("status!~\"available|deleted\"", "status!~\"available|deleted|pending-associate\"")]
    [InlineData("vector(30)", "vector(20)")]
    [InlineData("status=~\"expired|revoked\"", "status=~\"expired\"")]
    [InlineData("type!=\"imported\", renewal_eligibility=\"eligible\"", "renewal_eligibility=\"eligible\"")]
    [InlineData("(clientvpn_endpoint_connection_quota) > 0)", "(clientvpn_endpoint_connection_quota))")]
    [InlineData("reason=~\"client-connect-handler-.+\"", "reason=\"client-connect-handler-service-error\"")]
    [InlineData("(increase(clientvpn_connection_attempts_total{status=\"successful\"}[5m])) > 0)", "(increase(clientvpn_connection_attempts_total{status=\"successful\"}[5m])) > 100)")]
    public async Task TestRules_WithTheRulesChanged_Fail(string original, string changed)
    {
        // The unit tests pin the rules: raising a threshold, lengthening a `for` or narrowing a matcher breaks them.
        var dir = Directory.CreateTempSubdirectory("clientvpn-rules-");
        try
        {
            var rules = await File.ReadAllTextAsync(RepositoryPaths.RulesFile);
            Assert.Contains(original, rules, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "clientvpn-rules.yaml"), rules.Replace(original, changed, StringComparison.Ordinal));
            File.Copy(RepositoryPaths.RulesTestFile, Path.Combine(dir.FullName, "clientvpn-rules.test.yaml"));

            var result = await ExternalTool.RunAsync(ExternalTool.Promtool, ["test", "rules", "clientvpn-rules.test.yaml"], dir.FullName, Timeout);

            Assert.True(result.ExitCode != 0, $"promtool test rules still passed with {changed}:\n{result.Output}");
            Assert.Contains("FAILED", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
