using System.IO.Pipelines;
using System.Text;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Tests.Exposition;

public class DetailExpositionTests
{
    [Fact]
    public async Task WriteAsync_PrometheusText_WritesTypeHelpAndOneLinePerSeries()
    {
        var text = await RenderAsync(new ExporterOptions { PerUserMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf(SampleConnections.Active("c1", 100, user: "bob", egressBytes: 1000)))));

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

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public async Task WriteAsync_OpenMetrics_NamesFamiliesWithoutTotalAndGivesTheirUnit()
    {
        var text = await RenderAsync(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.OpenMetrics, Fleet(("e1", false, ReadingOf(SampleConnections.Active("c1", 100)))));

        Assert.Contains("# TYPE clientvpn_connection_ingress_bytes counter\n# UNIT clientvpn_connection_ingress_bytes bytes\n# HELP clientvpn_connection_ingress_bytes ", text, StringComparison.Ordinal);
        Assert.Contains("\nclientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 100\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE clientvpn_connection_established_timestamp_seconds gauge\n# UNIT clientvpn_connection_established_timestamp_seconds seconds\n", text, StringComparison.Ordinal);
        Assert.Contains($"\nclientvpn_connection_established_timestamp_seconds{{endpoint_id=\"e1\",connection_id=\"c1\"}} {SampleConnections.Start.ToUnixTimeSeconds()}\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("# EOF", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_LabelValueWithQuoteBackslashAndNewLine_EscapesThem()
    {
        var text = await RenderAsync(new ExporterOptions { PerUserMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf(SampleConnections.Active("c1", 5, user: "a\"b\\c\nd é")))));

        Assert.Contains("clientvpn_user_ingress_bytes_total{endpoint_id=\"e1\",user=\"a\\\"b\\\\c\\nd é\"} 5\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_CounterPastTheLargestSignedLong_WritesItExactly()
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
        var text = await RenderAsync(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", false, reading)));

        Assert.Contains($"clientvpn_connection_ingress_bytes_total{{endpoint_id=\"e1\",connection_id=\"c1\"}} {huge}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_StaleEndpoint_DropsItsGaugesAndKeepsItsCounters()
    {
        var text = await RenderAsync(new ExporterOptions { PerConnectionMetrics = true }, ExpositionFormat.PrometheusText, Fleet(("e1", true, ReadingOf(SampleConnections.Active("c1", 7)))));

        Assert.DoesNotContain("clientvpn_connection_info{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("clientvpn_connection_established_timestamp_seconds{", text, StringComparison.Ordinal);
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_NoDetailSwitchedOn_WritesNothing()
    {
        var exposition = new DetailExposition(Options.Create(new ExporterOptions()));

        var text = await RenderAsync(new ExporterOptions(), ExpositionFormat.PrometheusText, Fleet(("e1", false, ReadingOf(SampleConnections.Active("c1", 7)))));

        Assert.True(exposition.IsEmpty);
        Assert.Equal("", text);
    }

    [Fact]
    public async Task WriteAsync_ManyConnectionsThroughASmallPipe_WritesEverySeriesOnce()
    {
        // A reader that holds each flush until it has caught up, as a slow scraper does: the output stays whole and in order.
        var listing = Enumerable.Range(0, 20_000).Select(n => SampleConnections.Active($"cvpn-connection-{n:x17}", (ulong)n, user: $"user-{n % 5000}")).ToArray();
        var snapshot = Fleet(("e1", false, ReadingOf(listing)), ("e2", false, ReadingOf(listing[..1000])));
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 << 10, resumeWriterThreshold: 32 << 10));
        var exposition = new DetailExposition(Options.Create(new ExporterOptions { PerConnectionMetrics = true, PerUserMetrics = true }));

        var reading = ReadAllAsync(pipe.Reader);
        var written = await exposition.WriteAsync(snapshot, ExpositionFormat.PrometheusText, pipe.Writer, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        var text = await reading;

        Assert.Equal(written, Encoding.UTF8.GetByteCount(text));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(21_000, lines.Count(l => l.StartsWith("clientvpn_connection_info{", StringComparison.Ordinal)));
        Assert.Equal(6_000, lines.Count(l => l.StartsWith("clientvpn_user_ingress_bytes_total{", StringComparison.Ordinal)));
        Assert.Equal(lines.Length, lines.Distinct().Count());
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"cvpn-connection-00000000000004e1f\"} 19999", lines);
    }

    private static async Task<string> RenderAsync(ExporterOptions options, ExpositionFormat format, FleetView snapshot)
    {
        var pipe = new Pipe();
        var reading = ReadAllAsync(pipe.Reader);
        await new DetailExposition(Options.Create(options)).WriteAsync(snapshot, format, pipe.Writer, CancellationToken.None);
        await pipe.Writer.CompleteAsync();
        return await reading;
    }

    private static async Task<string> ReadAllAsync(PipeReader reader)
    {
        using var buffer = new MemoryStream();
        await reader.CopyToAsync(buffer);
        await reader.CompleteAsync();
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static EndpointReading ReadingOf(params ParsedConnection[] listing) =>
        SampleConnections.Ledger(ReadingDetail.Users | ReadingDetail.Connections).Apply(SampleConnections.Listing(listing), SampleConnections.Start);

    private static FleetView Fleet(params (string Id, bool Stale, EndpointReading Reading)[] endpoints) => new(
        [.. endpoints.Select(e => new EndpointView
        {
            Endpoint = new EndpointDescription { EndpointId = e.Id, Region = "us-east-1" },
            Up = !e.Stale,
            Stale = e.Stale,
            LastSuccess = SampleConnections.Start,
            Reading = e.Reading,
        })],
        SampleConnections.Start);
}
