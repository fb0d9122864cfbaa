using ClientVpnExporter.Aws;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Polling;

public sealed class EarlyDownPublisherTests : IDisposable
{
    private const string EndpointId = "cvpn-endpoint-0123456789abcdef0";

    private readonly InMemoryMetrics metrics = new();

    [Fact]
    public void Publish_HealthReadings_ShownAtOnceInTheViewScrapesSeeAndKeptByTheNextPoll()
    {
        var publisher = new EarlyDownPublisher(this.metrics.Metrics);
        publisher.Close(View(sequence: 1));
        var reading = new HealthReading { ConnectionQuota = 7_000 };

        publisher.Publish(new Dictionary<string, HealthReading> { [EndpointId] = reading });

        var seen = this.metrics.Metrics.Current.View;
        Assert.Equal(1, seen.Sequence);
        Assert.Same(reading, Assert.Single(seen.Endpoints).Health);
        Assert.Contains("clientvpn_endpoint_connection_quota{endpoint_id=\"cvpn-endpoint-0123456789abcdef0\"} 7000\n", this.metrics.Render(), StringComparison.Ordinal);

        publisher.Close(View(sequence: 2));

        Assert.Same(reading, Assert.Single(this.metrics.Metrics.Current.View.Endpoints).Health);
    }

    [Fact]
    public void MarkDown_AfterHealthWasPublished_KeepsTheHealthOfTheEndpointShownDown()
    {
        var publisher = new EarlyDownPublisher(this.metrics.Metrics);
        publisher.Close(View(sequence: 1));
        var reading = new HealthReading { ConnectionQuota = 7_000 };
        publisher.Publish(new Dictionary<string, HealthReading> { [EndpointId] = reading });
        publisher.Open();

        publisher.MarkDown(EndpointId);

        var endpoint = Assert.Single(this.metrics.Metrics.Current.View.Endpoints);
        Assert.False(endpoint.Up);
        Assert.Same(reading, endpoint.Health);
    }

    public void Dispose() => this.metrics.Dispose();

    private static FleetView View(long sequence) => new(
        [new EndpointView { Endpoint = new EndpointDescription { EndpointId = EndpointId, Region = "us-east-1" }, Up = true, LastSuccess = SampleConnections.Start }],
        sequence,
        SampleConnections.Start);
}
