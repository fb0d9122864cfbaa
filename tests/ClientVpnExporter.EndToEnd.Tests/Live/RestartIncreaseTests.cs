using System.Globalization;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// Issue 9, item 0, through a real Prometheus: across an exporter restart, <c>increase()</c> over a window that spans
/// the restart never exceeds the traffic that truly happened in it (the simulator's ground truth), with and without
/// the state file; with the state file it is exactly that traffic and the counters never reset. The window opens and
/// closes with the simulator's clock paused, so the truth at each end is of the same instant as the sample there.
/// </summary>
[Collection(RestartIncreaseGroup.Name)]
public class RestartIncreaseTests
{
    private static readonly TimeSpan Running = TimeSpan.FromSeconds(5);

    [Fact]
    public Task Increase_OverAWindowSpanningARestart_NeverExceedsTheTrueTraffic() => CheckAsync(withStateFile: false);

    [Fact]
    public Task Increase_OverAWindowSpanningARestartWithStateFile_IsExactlyTheTrueTrafficWithoutAReset() => CheckAsync(withStateFile: true);

    private static async Task CheckAsync(bool withStateFile)
    {
        await using var stack = await RestartStack.StartAsync(withStateFile);

        await stack.PauseClockAsync();
        var truthAtStart = await stack.TruthAsync();
        var start = await stack.SettledScrapeAsync();
        await stack.ResumeClockAsync();
        await Task.Delay(Running);

        // The restart happens with the clock running, as in production. The old exporter polls twice more after
        // `beforeStop` and the new one takes its first reading before `afterStart`: without the state file, what
        // the counters miss is at most the traffic between the two.
        var beforeStop = await stack.TruthAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        await stack.RestartExporterAsync();
        var afterStart = await stack.TruthAsync();
        await Task.Delay(Running);

        await stack.PauseClockAsync();
        var truthAtEnd = await stack.TruthAsync();
        var end = await stack.SettledScrapeAsync();

        var range = FormattableString.Invariant($"{end - start}ms");
        var at = (end / 1000.0).ToString("F3", CultureInfo.InvariantCulture);
        foreach (var (metric, ingress) in new[] { ("clientvpn_ingress_bytes_total", true), ("clientvpn_egress_bytes_total", false) })
        {
            // Prometheus 2 ranges include both ends: with a sample at each, increase() extrapolates nothing.
            var samples = await stack.SamplesAsync(metric, range, end);
            Assert.All(samples, s => Assert.True(
                s.Samples.ContainsKey(start) && s.Samples.ContainsKey(end),
                $"{metric}{{endpoint_id=\"{s.EndpointId}\",posture=\"{s.Posture}\"}} has no sample at the window's start or end: {string.Join(", ", s.Samples.Keys)}"));

            var selector = $"{metric}{{job=\"{RestartStack.Job}\"}}[{range}] @ {at}";
            var increases = ByEndpoint(await stack.QueryAsync($"sum by (endpoint_id) (increase({selector}))", end));
            var resets = ByEndpoint(await stack.QueryAsync($"sum by (endpoint_id) (resets({selector}))", end));
            Assert.Equal(truthAtEnd.Keys.Order(StringComparer.Ordinal), increases.Keys.Order(StringComparer.Ordinal));
            foreach (var (endpoint, increase) in increases)
            {
                var truth = Of(truthAtEnd[endpoint], ingress) - Of(truthAtStart[endpoint], ingress);
                var restartGap = Of(afterStart[endpoint], ingress) - Of(beforeStop[endpoint], ingress);
                var what = $"{metric} of {endpoint}: increase() {increase:R} over {range}, true traffic {truth}, traffic around the restart {restartGap}, resets() {resets[endpoint]:R}";
                Assert.True(increase <= truth, "more than happened: " + what);
                if (withStateFile)
                {
                    Assert.True(increase == truth && resets[endpoint] == 0, "the state file should continue the totals exactly: " + what);
                }
                else
                {
                    Assert.True(increase >= truth - restartGap, "lost more than the traffic around the restart: " + what);
                }
            }
        }
    }

    private static ulong Of((ulong Ingress, ulong Egress) totals, bool ingress) => ingress ? totals.Ingress : totals.Egress;

    private static Dictionary<string, double> ByEndpoint(System.Text.Json.Nodes.JsonArray result) =>
        result.ToDictionary(
            r => (string)r!["metric"]!["endpoint_id"]!,
            r => double.Parse((string)r!["value"]![1]!, CultureInfo.InvariantCulture),
            StringComparer.Ordinal);
}

/// <summary>
/// The restart tests run alone: meters are process-wide, so another in-process exporter running at the same time
/// would put its series in this one's scrapes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RestartIncreaseGroup
{
    public const string Name = "exporter restarts";
}
