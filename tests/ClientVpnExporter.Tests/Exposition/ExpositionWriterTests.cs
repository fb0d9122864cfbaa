using System.Text;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;
using static ClientVpnExporter.Tests.Exposition.FleetViews;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>What the writer puts on /metrics for the fleet families: headers, label order and escaping, counters, staleness, chunks.</summary>
public class ExpositionWriterTests
{
    [Fact]
    public void Render_PrometheusText_WritesTypeHelpAndOneLinePerSeries()
    {
        var text = Render(new ExporterOptions { PerUserMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf([SampleConnections.Active("c1", 100, user: "bob", egressBytes: 1000)]))));

        Assert.Equal(
            """
            # TYPE clientvpn_user_connections gauge
            # HELP clientvpn_user_connections A user's listed connections by status (per-user detail).
            clientvpn_user_connections{endpoint_id="e1",user="bob",status="active"} 1
            # TYPE clientvpn_user_ingress_bytes_total counter
            # HELP clientvpn_user_ingress_bytes_total Bytes sent by the user's clients (per-user detail).
            clientvpn_user_ingress_bytes_total{endpoint_id="e1",user="bob"} 100
            # TYPE clientvpn_user_egress_bytes_total counter
            # HELP clientvpn_user_egress_bytes_total Bytes received by the user's clients (per-user detail).
            clientvpn_user_egress_bytes_total{endpoint_id="e1",user="bob"} 1000
            # TYPE clientvpn_user_ingress_packets_total counter
            # HELP clientvpn_user_ingress_packets_total Packets sent by the user's clients (per-user detail).
            clientvpn_user_ingress_packets_total{endpoint_id="e1",user="bob"} 1
            # TYPE clientvpn_user_egress_packets_total counter
            # HELP clientvpn_user_egress_packets_total Packets received by the user's clients (per-user detail).
            clientvpn_user_egress_packets_total{endpoint_id="e1",user="bob"} 10
            # TYPE clientvpn_user_connection_attempts_total counter
            # HELP clientvpn_user_connection_attempts_total A user's connection attempts in the endpoint's connection log since the exporter started, by status (per-user detail; user is username, else the certificate's common name).

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Render_OpenMetrics_NamesFamiliesWithoutTotalAndGivesTheirUnit()
    {
        var text = Render(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.OpenMetrics, Fleet(("e1", false, ReadingOf([SampleConnections.Active("c1", 100)]))));

        Assert.Contains("# TYPE clientvpn_connection_ingress_bytes counter\n# UNIT clientvpn_connection_ingress_bytes bytes\n# HELP clientvpn_connection_ingress_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("\nclientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 100\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clientvpn_connection_established_timestamp_seconds gauge\n# UNIT clientvpn_connection_established_timestamp_seconds seconds\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nclientvpn_connection_established_timestamp_seconds{{endpoint_id=\"e1\",connection_id=\"c1\"}} {SampleConnections.Start.ToUnixTimeSeconds()}\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LabelValueWithQuoteBackslashAndNewLine_EscapesThem()
    {
        var text = Render(new ExporterOptions { PerUserMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf([SampleConnections.Active("c1", 5, user: "a\"b\\c\nd é")]))));

        Assert.Contains("clientvpn_user_ingress_bytes_total{endpoint_id=\"e1\",user=\"a\\\"b\\\\c\\nd é\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_CounterPastTheLargestSignedLong_WritesItExactly()
    {
        // Built directly: the ledger takes no counter that large from one reading (it is implausible), but a
        // connection's counter can grow there over time, and the writer must not go through a double or a long.
        const ulong huge = ulong.MaxValue - 1;
        var connection = SampleConnections.Active("c1", 0);
        var reading = new EndpointReading
        {
            ConnectionCounts = [],
            ActiveUsers = 0,
            Totals = [],
            Connections = [new ConnectionSeries(connection, new TrafficCounters(huge, 0, 0, 0))],
        };
        var text = Render(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, reading)));

        Assert.Contains($"clientvpn_connection_ingress_bytes_total{{endpoint_id=\"e1\",connection_id=\"c1\"}} {huge}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StaleEndpoint_DropsItsGaugesAndKeepsItsCounters()
    {
        var text = Render(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", true, ReadingOf([SampleConnections.Active("c1", 7)]))));

        Assert.DoesNotContain("clientvpn_connection_info{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("clientvpn_connection_established_timestamp_seconds{", text, StringComparison.Ordinal);
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NoDetailSwitchedOn_WritesOnlyTheEndpointFamilies()
    {
        var families = FamilyCatalog.Build(perUser: false, perConnection: false, new PrivateLabels(new PrivacyOptions()));

        var text = Render(families, ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf([SampleConnections.Active("c1", 7)]))));

        // The connection families carry OpenTelemetry's scope labels as before; the health (issue 12) and connection-log
        // (issue 16) families never did.
        var unscoped = HealthFamilies.All().Concat(AttemptFamilies.Endpoint()).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(families, f => Assert.Equal(!unscoped.Contains(f.Name), f.OpenTelemetryLabels));
        Assert.DoesNotContain(families, f => f.Detail);
        Assert.DoesNotContain("clientvpn_user_", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("clientvpn_connection_(?!attempts_total)", text);
        Assert.Contains("clientvpn_ingress_bytes_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EndpointFamily_WritesTheScopeLabelsFirstAndTheOthersInOrdinalOrder()
    {
        var families = FamilyCatalog.Build(perUser: false, perConnection: false, new PrivateLabels(new PrivacyOptions()));

        var text = Render(families, ExpositionFormat.OpenMetrics, Fleet(("e1", false, ReadingOf([SampleConnections.Active("c1", 7, posture: "compliant")]))));

        var scope = $"otel_scope_name=\"ClientVpnExporter\",otel_scope_version=\"{ClientVpnExporter.Diagnostics.BuildInfo.Version}\"";
        Assert.Contains($"\nclientvpn_connections{{{scope},endpoint_id=\"e1\",posture=\"compliant\",status=\"active\"}} 1\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nclientvpn_ingress_bytes_total{{{scope},endpoint_id=\"e1\",posture=\"compliant\"}} 7\n", text, StringComparison.Ordinal);
        Assert.Matches($"\nclientvpn_ingress_bytes_created{{{System.Text.RegularExpressions.Regex.Escape(scope)},endpoint_id=\"e1\",posture=\"compliant\"}} [0-9.]+\n", text);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyConnectionsInChunks_WritesEverySeriesOnce()
    {
        var listing = Enumerable.Range(0, 20_000).Select(n => SampleConnections.Active($"cvpn-connection-{n:x17}", (ulong)n, user: $"user-{n % 5000}")).ToArray();
        var view = Fleet(("e1", false, ReadingOf(listing)), ("e2", false, ReadingOf(listing[..1000])));
        var rendering = new FleetRendering(view, Detail(new ExporterOptions { PerConnectionMetrics = true, PerUserMetrics = true }), SampleConnections.Start);

        var chunks = rendering.Chunks(ExpositionFormat.PrometheusText).Select(c => Encoding.UTF8.GetString(c.Span)).ToList();
        var text = string.Concat(chunks);

        Assert.True(chunks.Count > 10, $"{chunks.Count} chunks");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(21_000, lines.Count(l => l.StartsWith("clientvpn_connection_info{", StringComparison.Ordinal)));
        Assert.Equal(6_000, lines.Count(l => l.StartsWith("clientvpn_user_ingress_bytes_total{", StringComparison.Ordinal)));
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"cvpn-connection-00000000000004e1f\"} 19999", lines);
    }

    private static string Render(ExporterOptions options, ExpositionFormat format, FleetView view) => Render(Detail(options), format, view);

    private static string Render(IReadOnlyList<MetricFamily> families, ExpositionFormat format, FleetView view) =>
        string.Concat(new FleetRendering(view, families, SampleConnections.Start).Chunks(format).Select(c => Encoding.UTF8.GetString(c.Span)));

    /// <summary>Only the per-user and per-connection families the options switch on.</summary>
    private static List<MetricFamily> Detail(ExporterOptions options) =>
        [.. FamilyCatalog.Build(options.PerUserMetrics, options.PerConnectionMetrics, new PrivateLabels(options.Privacy)).Where(f => f.Detail)];
}
