using System.Net;
using Amazon.EC2;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using static ClientVpnExporter.Tests.Attempts.LogEntries;

namespace ClientVpnExporter.Tests.Attempts;

/// <summary>The attempts cycle's real reader and ledger over an NSubstitute CloudWatch Logs port, with a fake clock.</summary>
public sealed class AttemptsCycleTests : IDisposable
{
    private const string EndpointId = "cvpn-endpoint-0123456789abcdef0";
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly IConnectionLogApi logs = Substitute.For<IConnectionLogApi>();
    private readonly IAttemptsPublisher publisher = Substitute.For<IAttemptsPublisher>();
    private readonly IPermissionObserver permissions = Substitute.For<IPermissionObserver>();
    private readonly FakeTimeProvider time = new(Start);
    private readonly FakeLogger<AttemptsCycle> logger = new();
    private readonly AwsTarget target = new("default", "us-east-1", Substitute.For<IAmazonEC2>());
    private readonly ExporterOptions options = new() { Regions = ["us-east-1"], PerUserMetrics = true };
    private readonly ParseMetrics parseMetrics;
    private readonly ConnectionLogMetrics metrics;
    private readonly MetricCollector<long> events;
    private readonly MetricCollector<long> parseErrors;
    private AttemptsCycle? cycle;

    public AttemptsCycleTests()
    {
        var meters = this.services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        this.parseMetrics = new ParseMetrics(meters);
        this.metrics = new ConnectionLogMetrics(meters);
        this.events = new MetricCollector<long>(meters, "ClientVpnExporter.Attempts", "clientvpn_exporter_connection_log_events");
        this.parseErrors = new MetricCollector<long>(meters, "ClientVpnExporter.Connections", "clientvpn_exporter_parse_errors");
    }

    private AttemptsCycle Cycle => this.cycle ??= new AttemptsCycle(
        new ConnectionLogReader(this.logs, Microsoft.Extensions.Options.Options.Create(this.options)),
        this.publisher,
        this.permissions,
        this.metrics,
        this.parseMetrics,
        Microsoft.Extensions.Options.Options.Create(this.options),
        this.time,
        this.logger);

    [Fact]
    public async Task RunAsync_EveryPage_CountsTheirAttemptsAndPublishes()
    {
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.Pages([Event("e1", 10, Attempt())], [Event("e2", 20, Attempt("failed", "client-connect-handler-timed-out", user: "eve"))]);

        var reading = await this.RunAsync();

        Assert.Equal(1UL, Count(reading, "successful", "none"));
        Assert.Equal(1UL, Count(reading, "failed", "client-connect-handler-timed-out"));
        Assert.Contains(new UserAttemptCount("eve", "failed", 1), reading.Users);
        Assert.Equal(this.time.GetUtcNow(), reading.LastSuccess);
        Assert.True(reading.LogRead);
        this.permissions.Received().Observed(this.target, "logs:FilterLogEvents", allowed: true);
        Assert.Equal(2, this.Outcome("counted"));
    }

    [Fact]
    public async Task RunAsync_AskFor_TheEndpointsGroupAndStreamFromTheLookbackBeforeNow()
    {
        this.options.ConnectionLog.PageSize = 500;
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromHours(1));
        this.Pages([]);

        await this.RunAsync();

        await this.logs.Received(1).FilterLogEventsAsync(
            this.target,
            Arg.Is<LogEventsQuery>(q => q.LogGroupName == "/aws/clientvpn/x" && q.LogStreamNames!.SequenceEqual(new[] { "connections" }) && q.StartTime == Start.AddMinutes(45) && q.Limit == 500),
            null,
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunAsync_SecondPageFails_PublishesNothingOfTheReadAndTheNextReadCountsEachOnce()
    {
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), null, Arg.Any<CancellationToken>())
            .Returns(new LogEventsPage([Event("e1", 10, Attempt())], "page-2"));
        this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), "page-2", Arg.Any<CancellationToken>())
            .Returns(Task.FromException<LogEventsPage>(new AwsServiceException("Rate exceeded", "ThrottlingException", HttpStatusCode.BadRequest, null)));

        var failed = await this.RunAsync();

        Assert.All(failed.Attempts, a => Assert.Equal(0UL, a.Count));
        Assert.Null(failed.LastSuccess);
        Assert.Equal("ThrottlingException", failed.FailureCode);
        Assert.Equal(0, this.Outcome("counted"));
        Assert.Contains(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("ThrottlingException", StringComparison.Ordinal));

        this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), "page-2", Arg.Any<CancellationToken>())
            .Returns(new LogEventsPage([Event("e2", 20, Attempt())], null));
        this.time.Advance(TimeSpan.FromMinutes(1));

        var recovered = await this.RunAsync();

        Assert.Equal(2UL, Count(recovered, "successful", "none"));
        Assert.Null(recovered.FailureCode);
        Assert.Contains(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("works again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_Denied_ReportsThePermissionOnceAndKeepsTheCounts()
    {
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.Pages([Event("e1", 10, Attempt())]);
        await this.RunAsync();
        this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), Arg.Any<string?>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<LogEventsPage>(new AwsServiceException("User: x is not authorized to perform: logs:FilterLogEvents", "AccessDeniedException", HttpStatusCode.BadRequest, null)));

        var denied = await this.RunAsync();

        this.permissions.Received(1).Observed(this.target, "logs:FilterLogEvents", allowed: false);
        Assert.True(denied.Denied);
        Assert.Equal(1UL, Count(denied, "successful", "none"));
        Assert.DoesNotContain(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("AccessDenied", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LoggingOff_IsAStateAndNothingIsRead()
    {
        _ = this.Cycle;

        var reading = await this.RunAsync(new EndpointDescription { EndpointId = EndpointId, Region = "us-east-1", ConnectionLogEnabled = false });

        Assert.False(reading.LogRead);
        Assert.Null(reading.FailureCode);
        await this.logs.DidNotReceiveWithAnyArgs().FilterLogEventsAsync(default!, default!, default, default);
        Assert.Empty(this.logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RunAsync_ReadingTurnedOff_ReadsNoEndpoint()
    {
        this.options.ConnectionLog.Enabled = false;

        var reading = await this.RunAsync();

        Assert.False(reading.LogRead);
        await this.logs.DidNotReceiveWithAnyArgs().FilterLogEventsAsync(default!, default!, default, default);
    }

    [Fact]
    public async Task RunAsync_MalformedEntries_CountedAsParseErrorsAndSkipped()
    {
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.Pages([Event("bad", 10, "{\"connection-log-type\":"), Event("good", 11, Attempt())]);

        var reading = await this.RunAsync();

        Assert.Equal(1UL, Count(reading, "successful", "none"));
        Assert.Equal(1, this.Outcome("malformed"));
        Assert.Equal(1, this.parseErrors.GetMeasurementSnapshot().Where(m => (string?)m.Tags["field"] == "connection_log_event").Sum(m => m.Value));
    }

    [Fact]
    public async Task RunAsync_MaxPagesReached_AppliesWhatItReadAndGoesOnFromItsLastEvent()
    {
        this.options.ConnectionLog.MaxPagesPerRead = 1;
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), null, Arg.Any<CancellationToken>())
            .Returns(new LogEventsPage([Event("e1", 10, Attempt()), Event("e2", 30, Attempt())], "more"));

        var first = await this.RunAsync();
        await this.RunAsync();

        Assert.Equal(2UL, Count(first, "successful", "none"));
        await this.logs.Received(1).FilterLogEventsAsync(this.target, Arg.Is<LogEventsQuery>(q => q.StartTime == Start.AddSeconds(30)), null, Arg.Any<CancellationToken>());
        Assert.Contains(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("MaxPagesPerRead", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_EventsBeforeTheExportersStart_AreNotCounted()
    {
        _ = this.Cycle;
        this.time.Advance(TimeSpan.FromMinutes(5));
        this.Pages([Event("before", -30, Attempt()), Event("after", 30, Attempt())]);

        var reading = await this.RunAsync();

        Assert.Equal(1UL, Count(reading, "successful", "none"));
        Assert.Equal(1, this.Outcome("before_start"));
        Assert.Equal(Start, this.Cycle.CountingStart);
    }

    public void Dispose()
    {
        this.cycle?.Dispose();
        this.events.Dispose();
        this.parseErrors.Dispose();
        this.metrics.Dispose();
        this.parseMetrics.Dispose();
        this.services.Dispose();
    }

    private static ulong Count(AttemptReading reading, string status, string reason) =>
        reading.Attempts.SingleOrDefault(a => a.Status == status && a.Reason == reason)?.Count ?? 0;

    private static EndpointDescription Endpoint() => new()
    {
        EndpointId = EndpointId,
        Region = "us-east-1",
        ConnectionLogEnabled = true,
        ConnectionLogGroup = "/aws/clientvpn/x",
        ConnectionLogStream = "connections",
    };

    private async Task<AttemptReading> RunAsync(EndpointDescription? endpoint = null)
    {
        AttemptReading? published = null;
        this.publisher.When(p => p.Publish(Arg.Any<IReadOnlyDictionary<string, AttemptReading>>())).Do(call => published = call.Arg<IReadOnlyDictionary<string, AttemptReading>>()[EndpointId]);
        await this.Cycle.RunAsync([new HealthSubject(this.target, endpoint ?? Endpoint())], CancellationToken.None);
        return published!;
    }

    /// <summary>The log answers these pages, in order, chained by tokens.</summary>
    private void Pages(params LogEvent[][] pages)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            var token = i == 0 ? null : $"t{i}";
            var next = i + 1 < pages.Length ? $"t{i + 1}" : null;
            this.logs.FilterLogEventsAsync(this.target, Arg.Any<LogEventsQuery>(), token, Arg.Any<CancellationToken>())
                .Returns(new LogEventsPage(pages[i], next));
        }
    }

    private long Outcome(string outcome) =>
        this.events.GetMeasurementSnapshot().Where(m => (string?)m.Tags["outcome"] == outcome).Sum(m => m.Value);
}
