using ClientVpnExporter.Aws;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Polling;

/// <summary>When a failing endpoint is shown down early, and when a success in time keeps it up.</summary>
public class EndpointReadWatchTests
{
    private const string EndpointId = "cvpn-endpoint-0123456789abcdef0";

    [Fact]
    public void TimerThatFiredBeforeASuccess_RunsAfterIt_LeavesTheEndpointUp()
    {
        using var harness = new InMemoryMetrics();
        var clock = new CapturingTimeProvider();
        using var watch = WatchDuringAPoll(harness, clock);

        // The timer is due and its callback queued, then a retry succeeds before the callback runs.
        watch.AttemptFailed();
        watch.AttemptSucceeded();
        clock.RunCallback();

        Assert.True(harness.Metrics.Current.View.Endpoints.Single().Up);
    }

    [Fact]
    public void TimerOfTheCurrentFailures_Runs_ShowsTheEndpointDown()
    {
        using var harness = new InMemoryMetrics();
        var clock = new CapturingTimeProvider();
        using var watch = WatchDuringAPoll(harness, clock);

        watch.AttemptFailed();
        watch.AttemptSucceeded();
        watch.AttemptFailed();
        clock.RunCallback();

        Assert.False(harness.Metrics.Current.View.Endpoints.Single().Up);
    }

    /// <summary>
    /// A watch on the endpoint's read in a poll that has begun, after a previous poll published the endpoint up (as every
    /// poll publishes, through the early-down publisher).
    /// </summary>
    private static EndpointReadWatch WatchDuringAPoll(InMemoryMetrics harness, CapturingTimeProvider clock)
    {
        var publisher = new EarlyDownPublisher(harness.Metrics);
        publisher.Close(new FleetView(
            [new EndpointView { Endpoint = new EndpointDescription { EndpointId = EndpointId, Region = "us-east-1" }, Up = true }],
            1,
            SampleConnections.Start));
        publisher.Open();
        return new EndpointReadWatch(EndpointId, publisher, clock);
    }

    /// <summary>Keeps the last timer's callback so a test can run it when it likes, as a thread-pool thread late to run it would.</summary>
    private sealed class CapturingTimeProvider : TimeProvider
    {
        private TimerCallback? callback;
        private object? state;

        public void RunCallback() => this.callback!(this.state);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            this.callback = callback;
            this.state = state;
            return new InertTimer();
        }

        private sealed class InertTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
