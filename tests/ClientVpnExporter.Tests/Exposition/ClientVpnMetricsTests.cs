using System.Diagnostics.Metrics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Tests.Exposition;

public class ClientVpnMetricsTests
{
    private const string Overflow = "otel.metric.overflow";

    [Fact]
    public void Publish_EndpointReading_ExportsExactTotalsAndCounts()
    {
        using var harness = new InMemoryMetrics();
        var ledger = SampleConnections.Ledger();
        var reading = ledger.Apply(
            SampleConnections.Listing(SampleConnections.Active("c1", 100, posture: "compliant", egressBytes: 1000), SampleConnections.Active("c2", 20, user: "bob")),
            SampleConnections.Start);

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
        harness.Metrics.Publish(Fleet(("e1", ReadingOf(SampleConnections.Active("c1", 1), SampleConnections.Active("c2", 2)))));
        Assert.Equal(2, harness.Collect().Count(p => p.Name == "clientvpn_connection_info"));

        harness.Metrics.Publish(Fleet(("e1", ReadingOf(SampleConnections.Active("c2", 3)))));
        var points = harness.Collect();

        Assert.Equal(["c2"], points.Where(p => p.Name == "clientvpn_connection_ingress").Select(p => p.Tags["connection_id"]));
        Assert.Equal(3, Value(points, "clientvpn_connection_ingress", ("endpoint_id", "e1"), ("connection_id", "c2")));
    }

    [Fact]
    public void Publish_ChurnFarPastTheCardinalityLimit_NeverOverflowsAndReportsEveryLiveSeries()
    {
        using var harness = new InMemoryMetrics(new ExporterOptions { PerConnectionMetrics = true, PerUserMetrics = true });
        const int live = 500;
        const int polls = 60; // 60 x 500 = 30,000 distinct connection ids and users: 15 times the default limit of 2000.
        var next = 0;
        for (var poll = 0; poll < polls; poll++)
        {
            var listing = Enumerable.Range(0, live)
                .Select(_ => next++)
                .Select(n => SampleConnections.Active($"cvpn-connection-{n:x17}", (ulong)n, user: $"user-{n}"))
                .ToArray();
            harness.Metrics.Publish(Fleet(("e1", ReadingOf(listing, ReadingDetail.Users | ReadingDetail.Connections))));

            var points = harness.Collect();
            Assert.DoesNotContain(points, p => p.Tags.ContainsKey(Overflow));
            Assert.Equal(live, points.Count(p => p.Name == "clientvpn_connection_info"));
            Assert.Equal(live, points.Count(p => p.Name == "clientvpn_connection_ingress"));
            Assert.Equal((double)(next - 1), Value(points, "clientvpn_connection_ingress", ("endpoint_id", "e1"), ("connection_id", $"cvpn-connection-{next - 1:x17}")));
        }
    }

    [Fact]
    public void Publish_EndpointsChurnFarPastTheCardinalityLimit_ReplacesGenerationsAndNeverOverflows()
    {
        using var harness = new InMemoryMetrics();
        const int live = 300;
        var next = 0;
        for (var poll = 0; poll < 40; poll++)
        {
            // 40 x 300 = 12,000 distinct endpoint ids, six times the default limit of 2000 of each endpoint-level series.
            var endpoints = Enumerable.Range(0, live).Select(_ => next++).Select(n => ($"cvpn-endpoint-{n:x17}", ReadingOf([SampleConnections.Active("c1", (ulong)n)], ReadingDetail.None))).ToArray();
            harness.Metrics.Publish(Fleet(endpoints));

            var points = harness.Collect();
            Assert.DoesNotContain(points, p => p.Tags.ContainsKey(Overflow));
            Assert.Equal(live, points.Count(p => p.Name == "clientvpn_endpoint_up"));
            Assert.Equal((double)(next - 1), Value(points, "clientvpn_ingress", ("endpoint_id", $"cvpn-endpoint-{next - 1:x17}"), ("posture", "none")));
        }

        Assert.True(harness.Metrics.Generations > 5 * 6, $"expected several generations of each series, got {harness.Metrics.Generations}");
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
    public void Publish_GenerationReplaced_CountersContinueFromTheLedger()
    {
        using var harness = new InMemoryMetrics();
        var ledger = SampleConnections.Ledger();
        var next = 0;
        var nextEndpoint = 0;
        double? last = null;
        for (var poll = 0; poll < 20; poll++)
        {
            // e1 stays while 400 other endpoints come and go each poll, so generations are replaced under it.
            var listing = Enumerable.Range(0, 800).Select(_ => next++).Select(n => SampleConnections.Active($"c{n}", 10)).ToArray();
            var others = Enumerable.Range(0, 400).Select(_ => ($"e-other-{nextEndpoint++}", ReadingOf([SampleConnections.Active("c", 1)], ReadingDetail.None)));
            harness.Metrics.Publish(Fleet([("e1", ledger.Apply(SampleConnections.Listing(listing), SampleConnections.Start)), .. others]));
            var total = Value(harness.Collect(), "clientvpn_ingress", ("endpoint_id", "e1"), ("posture", "none"));
            Assert.Equal(next * 10.0, total);
            Assert.True(last is null || total >= last);
            last = total;
        }

        Assert.True(harness.Metrics.Generations > 1);
    }

    [Fact]
    public void SdkWithoutGenerations_ChurnPastTheLimit_Overflows()
    {
        // The SDK fact the generations exist for: a plain observable instrument never frees a slot.
        var exported = new List<Metric>();
        using var meter = new Meter("churn-control");
        var offset = 0;
        meter.CreateObservableGauge("plain", () => Enumerable.Range(offset, 500).Select(n => new Measurement<long>(1, new KeyValuePair<string, object?>("id", n))));
        using var provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter("churn-control")
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative)
            .Build();

        var overflowed = false;
        for (var poll = 0; poll < 10 && !overflowed; poll++, offset += 500)
        {
            exported.Clear();
            provider.ForceFlush();
            foreach (ref readonly var point in exported.Single().GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    overflowed |= tag.Key == Overflow;
                }
            }
        }

        Assert.True(overflowed);
    }

    private static EndpointReading ReadingOf(params ParsedConnection[] listing) => ReadingOf(listing, ReadingDetail.Connections);

    private static EndpointReading ReadingOf(ParsedConnection[] listing, ReadingDetail detail) =>
        SampleConnections.Ledger(detail).Apply(SampleConnections.Listing(listing), SampleConnections.Start);

    private static FleetView Fleet(params (string Id, EndpointReading Reading)[] endpoints) => new(
        [.. endpoints.Select(e => new EndpointView
        {
            Endpoint = new EndpointDescription { EndpointId = e.Id, Region = "us-east-1" },
            Up = true,
            LastSuccess = SampleConnections.Start,
            Reading = e.Reading,
        })],
        SampleConnections.Start);

    private static double Value(List<(string Name, Dictionary<string, string> Tags, double Value)> points, string name, params (string Key, string Value)[] tags) =>
        points.Single(p => p.Name == name && tags.All(t => p.Tags.GetValueOrDefault(t.Key) == t.Value) && p.Tags.Count == tags.Length).Value;
}
