using System.Text;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static ClientVpnExporter.Tests.Exposition.FleetViews;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>What a published view renders: exact values, and exactly the live series however much churns.</summary>
[Collection(SerialTestGroup.Name)]
public class FleetRenderingTests
{
    [Fact]
    public void Publish_EndpointReading_ExportsExactTotalsAndCounts()
    {
        using var harness = new InMemoryMetrics();
        var reading = ReadingOf(
            [SampleConnections.Active("c1", 100, posture: "compliant", egressBytes: 1000), SampleConnections.Active("c2", 20, user: "bob")],
            ReadingDetail.None);

        harness.Metrics.Publish(Fleet(("cvpn-endpoint-01", reading)));
        var points = harness.Collect();

        Assert.Equal(100, Value(points, "clientvpn_ingress", ("endpoint_id", "cvpn-endpoint-01"), ("posture", "compliant")));
        Assert.Equal(20, Value(points, "clientvpn_ingress", ("endpoint_id", "cvpn-endpoint-01"), ("posture", "none")));
        Assert.Equal(1000, Value(points, "clientvpn_egress", ("endpoint_id", "cvpn-endpoint-01"), ("posture", "compliant")));
        Assert.Equal(1, Value(points, "clientvpn_connections", ("endpoint_id", "cvpn-endpoint-01"), ("status", "active"), ("posture", "none")));
        Assert.Equal(2, Value(points, "clientvpn_active_users", ("endpoint_id", "cvpn-endpoint-01")));
        Assert.Equal(1, Value(points, "clientvpn_endpoint_up", ("endpoint_id", "cvpn-endpoint-01")));
    }

    [Fact]
    public void Publish_ConnectionGone_ItsSeriesDisappear()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true });
        harness.Metrics.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1), SampleConnections.Active("c2", 2)]))));
        Assert.Equal(2, harness.Collect().Count(p => p.Name == "clientvpn_connection_info"));

        harness.Metrics.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c2", 3)]))));
        var points = harness.Collect();

        Assert.Equal(["c2"], points.Where(p => p.Name == "clientvpn_connection_ingress").Select(p => p.Tags["connection_id"]));
        Assert.Equal(3, Value(points, "clientvpn_connection_ingress", ("endpoint_id", "e1"), ("connection_id", "c2")));
    }

    [Fact]
    public void Render_ConnectionsAndUsersChurnForSixtyPolls_ServesExactlyTheLiveSeries()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true, PerUserMetrics = true });
        const int live = 500;
        var ledger = SampleConnections.Ledger(ReadingDetail.Users | ReadingDetail.Connections);
        var next = 0;
        for (var poll = 0; poll < 60; poll++)
        {
            // 60 x 500 = 30,000 distinct connection ids and users, and about a fifth of each poll's stay for the next.
            next -= poll == 0 ? 0 : live / 5;
            var listing = Enumerable.Range(0, live)
                .Select(_ => next++)
                .Select(n => SampleConnections.Active($"cvpn-connection-{n:x17}", (ulong)n, user: $"user-{n}"))
                .ToArray();
            var reading = Next(ledger, listing);
            harness.Metrics.Publish(Fleet(("e1", reading)));

            var points = harness.Collect();
            var liveConnections = reading.Connections.ToDictionary(c => c.Connection.ConnectionId, c => (double)c.Counters.IngressBytes);
            var liveUsers = reading.Users.ToDictionary(u => u.User, u => (double)u.Totals.IngressBytes);
            var listedUsers = reading.Users.SelectMany(u => u.ConnectionsByStatus.Select(s => $"{u.User} {s.Key} {s.Value}")).Order(StringComparer.Ordinal);
            Assert.True(liveConnections.Count >= live, $"{liveConnections.Count} live connections");
            Assert.Equal(liveConnections, points.Where(p => p.Name == "clientvpn_connection_ingress").ToDictionary(p => p.Tags["connection_id"], p => p.Value));
            Assert.Equal(liveConnections.Keys.Order(), points.Where(p => p.Name == "clientvpn_connection_info").Select(p => p.Tags["connection_id"]).Order());
            Assert.Equal(liveUsers, points.Where(p => p.Name == "clientvpn_user_ingress").ToDictionary(p => p.Tags["user"], p => p.Value));
            Assert.Equal(listedUsers, points.Where(p => p.Name == "clientvpn_user_connections").Select(p => $"{p.Tags["user"]} {p.Tags["status"]} {p.Value}").Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Render_EndpointsChurn_ServesOnlyCurrentEndpoints()
    {
        using var harness = new InMemoryMetrics();
        const int live = 300;
        var next = 0;
        for (var poll = 0; poll < 40; poll++)
        {
            var endpoints = Enumerable.Range(0, live).Select(_ => next++).Select(n => ($"cvpn-endpoint-{n:x17}", ReadingOf([SampleConnections.Active("c1", (ulong)n)], ReadingDetail.None))).ToArray();
            harness.Metrics.Publish(Fleet(endpoints));

            var points = harness.Collect();
            var expected = endpoints.Select(e => e.Item1).Order(StringComparer.Ordinal).ToList();
            Assert.All(points, p => Assert.Contains(p.Tags["endpoint_id"], expected));
            Assert.Equal(expected, points.Where(p => p.Name == "clientvpn_endpoint_up").Select(p => p.Tags["endpoint_id"]).Order(StringComparer.Ordinal));
            Assert.Equal((double)(next - 1), Value(points, "clientvpn_ingress", ("endpoint_id", $"cvpn-endpoint-{next - 1:x17}"), ("posture", "none")));
        }
    }

    [Fact]
    public void Publish_ChurnForLong_KeepsManagedMemoryBounded()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true });
        var next = 0;
        long MemoryAfter(int polls)
        {
            for (var poll = 0; poll < polls; poll++)
            {
                var listing = Enumerable.Range(0, 1000).Select(_ => next++).Select(n => SampleConnections.Active($"c{n}", 1, user: $"u{n}")).ToArray();
                harness.Metrics.Publish(Fleet(("e1", ReadingOf(listing, ReadingDetail.Connections))));
                harness.Collect();
            }

            return GC.GetTotalMemory(forceFullCollection: true);
        }

        var afterWarmUp = MemoryAfter(20);   // 20,000 ids
        var afterChurn = MemoryAfter(80);    // 100,000 ids in all

        Assert.True(afterChurn < afterWarmUp * 1.5 + (8 << 20), $"managed memory grew from {afterWarmUp:N0} to {afterChurn:N0} bytes");
    }

    [Fact]
    public void Render_AcrossPolls_CountersNeverDecrease()
    {
        using var harness = new InMemoryMetrics();
        var ledger = SampleConnections.Ledger();
        var next = 0;
        var nextEndpoint = 0;
        double? last = null;
        for (var poll = 0; poll < 20; poll++)
        {
            // e1 stays while 400 other endpoints come and go each poll.
            var listing = Enumerable.Range(0, 800).Select(_ => next++).Select(n => SampleConnections.Active($"c{n}", 10)).ToArray();
            var others = Enumerable.Range(0, 400).Select(_ => ($"e-other-{nextEndpoint++}", ReadingOf([SampleConnections.Active("c", 1)], ReadingDetail.None)));
            harness.Metrics.Publish(Fleet([("e1", Next(ledger, listing)), .. others]));
            var total = Value(harness.Collect(), "clientvpn_ingress", ("endpoint_id", "e1"), ("posture", "none"));
            Assert.Equal(next * 10.0, total);
            Assert.True(last is null || total >= last);
            last = total;
        }
    }

    [Fact]
    public void FleetRendering_GzipVariant_CompressedOncePerPublish()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true });
        harness.Metrics.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1)]))));
        var first = harness.Metrics.Current;

        var text = first.Gzip(ExpositionFormat.PrometheusText);
        var openMetrics = first.Gzip(ExpositionFormat.OpenMetrics);
        Parallel.For(0, 16, _ => Assert.Same(text, first.Gzip(ExpositionFormat.PrometheusText)));

        Assert.Same(openMetrics, first.Gzip(ExpositionFormat.OpenMetrics));
        Assert.Equal(2, first.Compressions);
        Assert.Equal(text.Length, first.CachedBytes(ExpositionFormat.PrometheusText));
        Assert.Equal(harness.Render(), Gunzip(text));
        Assert.Equal(harness.Render(), Inflated(text));
        Assert.EndsWith("\n# EOF\n", Gunzip(openMetrics), StringComparison.Ordinal);

        harness.Metrics.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 2)]))));
        var second = harness.Metrics.Current.Gzip(ExpositionFormat.PrometheusText);

        Assert.NotSame(text, second);
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 2\n", Gunzip(second), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_SameReadingsEndpointDown_SharesTheDetailMemberAndServesTheNewView()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true, PerUserMetrics = true });
        var view = Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1), SampleConnections.Active("c2", 5, user: "bob")])), ("e2", ReadingOf([SampleConnections.Active("c3", 7)])));
        harness.Metrics.Publish(view);
        var first = harness.Metrics.Current;
        var firstText = Gunzip(first.Gzip(ExpositionFormat.PrometheusText));

        // What a health or early-down publish does: the same readings, an endpoint-level field changed.
        harness.Metrics.Publish(view with { Endpoints = [view.Endpoints[0] with { Up = false }, view.Endpoints[1]], Sequence = 2 });
        var second = harness.Metrics.Current;
        var secondText = Gunzip(second.Gzip(ExpositionFormat.PrometheusText));

        Assert.Equal(1, second.DetailCompressions);
        Assert.Equal(1, second.Compressions);
        Assert.Equal(harness.Render(), secondText);
        Assert.Equal(secondText, Inflated(second.Gzip(ExpositionFormat.PrometheusText)));
        Assert.Contains("clientvpn_endpoint_up{otel_scope_name=", secondText, StringComparison.Ordinal);
        Assert.NotEqual(firstText, secondText);
        Assert.Equal(
            firstText.Split('\n').Where(l => l.StartsWith("clientvpn_connection_", StringComparison.Ordinal) || l.StartsWith("clientvpn_user_", StringComparison.Ordinal)),
            secondText.Split('\n').Where(l => l.StartsWith("clientvpn_connection_", StringComparison.Ordinal) || l.StartsWith("clientvpn_user_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Publish_SameReadingsNewAttemptsRead_CompressesTheDetailAgainWithTheUsersAttempts()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerUserMetrics = true });
        var view = Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1, user: "bob")])));
        harness.Metrics.Publish(view);
        Assert.DoesNotContain("clientvpn_user_connection_attempts_total{", Gunzip(harness.Metrics.Current.Gzip(ExpositionFormat.PrometheusText)), StringComparison.Ordinal);

        // What a connection-log read publishes: the poll's readings, the endpoint's attempts new (per-user attempts are detail).
        var attempts = new AttemptReading { LogRead = true, LastSuccess = SampleConnections.Start, Users = [new UserAttemptCount("bob", "failed", 3)] };
        harness.Metrics.Publish(view with { Endpoints = [view.Endpoints[0] with { Attempts = attempts }], Sequence = 2 });
        var text = Gunzip(harness.Metrics.Current.Gzip(ExpositionFormat.PrometheusText));

        Assert.Contains("clientvpn_user_connection_attempts_total{endpoint_id=\"e1\",user=\"bob\",status=\"failed\"} 3\n", text, StringComparison.Ordinal);
        Assert.Equal(harness.Render(), text);
    }

    [Fact]
    public void Publish_EndpointGoesStale_CompressesTheDetailAgainWithoutItsGauges()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true });
        var reading = ReadingOf([SampleConnections.Active("c1", 1)]);
        harness.Metrics.Publish(Fleet(("e1", false, reading)));
        Assert.Contains("clientvpn_connection_info{", Gunzip(harness.Metrics.Current.Gzip(ExpositionFormat.PrometheusText)), StringComparison.Ordinal);

        harness.Metrics.Publish(Fleet(("e1", true, reading)));
        var stale = harness.Metrics.Current;
        var text = Gunzip(stale.Gzip(ExpositionFormat.PrometheusText));

        Assert.DoesNotContain("clientvpn_connection_info{", text, StringComparison.Ordinal);
        Assert.Contains("clientvpn_connection_ingress_bytes_total{endpoint_id=\"e1\",connection_id=\"c1\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_OpenMetricsWithDetail_EndsWithOneEofAfterTheDetailFamilies()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerUserMetrics = true });
        harness.Metrics.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1)]))));
        var rendering = harness.Metrics.Current;

        var text = Gunzip(rendering.Gzip(ExpositionFormat.OpenMetrics));

        Assert.Equal(string.Concat(rendering.Chunks(ExpositionFormat.OpenMetrics).Select(c => Encoding.UTF8.GetString(c.Span))), text);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("# EOF").Length - 1);
        Assert.True(text.IndexOf("clientvpn_user_connections{", StringComparison.Ordinal) > text.IndexOf("clientvpn_endpoint_up{", StringComparison.Ordinal));
    }

    [Fact]
    public void Publish_FormatAskedByAScrape_CompressedBeforeTheRenderingIsServed()
    {
        var time = new FakeTimeProvider();
        var publisher = new FleetPublisher(Options.Create(new ExporterOptions()), time);
        publisher.Asked(ExpositionFormat.OpenMetrics);

        publisher.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1)], ReadingDetail.None))));

        // Made on the publishing thread: a scrape of this rendering finds it ready; the format no one asked for is not made.
        Assert.Equal(1, publisher.Current.Compressions);
        Assert.True(publisher.Current.CachedBytes(ExpositionFormat.OpenMetrics) > 0);
        Assert.Equal(0, publisher.Current.CachedBytes(ExpositionFormat.PrometheusText));
    }

    [Fact]
    public void Publish_FormatNotAskedWithinTheDemandWindow_LeftUntilAScrapeAsks()
    {
        var time = new FakeTimeProvider();
        var publisher = new FleetPublisher(Options.Create(new ExporterOptions()), time);
        publisher.Asked(ExpositionFormat.PrometheusText);
        time.Advance(FleetPublisher.DemandWindow + TimeSpan.FromSeconds(1));

        publisher.Publish(Fleet(("e1", ReadingOf([SampleConnections.Active("c1", 1)], ReadingDetail.None))));

        Assert.Equal(0, publisher.Current.Compressions);
        Assert.Contains("clientvpn_endpoint_up{", Gunzip(publisher.Current.Gzip(ExpositionFormat.PrometheusText)), StringComparison.Ordinal);
        Assert.Equal(1, publisher.Current.Compressions);
    }

    private static string Gunzip(GzipMember member)
    {
        using var compressed = new MemoryStream();
        member.WriteToAsync(compressed, CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(member.Length, compressed.Length);
        return Encoding.UTF8.GetString(MetricsScrape.Gunzip(compressed.ToArray()));
    }

    private static string Inflated(GzipMember member)
    {
        using var plain = new MemoryStream();
        member.WriteDecompressedToAsync(plain, CancellationToken.None).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(plain.ToArray());
    }

    private static double Value(List<(string Name, Dictionary<string, string> Tags, double Value)> points, string name, params (string Key, string Value)[] tags) =>
        points.Single(p => p.Name == name && tags.All(t => p.Tags.GetValueOrDefault(t.Key) == t.Value) && p.Tags.Count == tags.Length).Value;
}
