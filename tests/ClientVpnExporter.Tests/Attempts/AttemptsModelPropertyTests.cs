using System.Collections.Immutable;
using Amazon.EC2;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Health;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ClientVpnExporter.Tests.Attempts;

/// <summary>
/// Model-based: arbitrary sequences of attempts (every status, documented and undocumented reasons, users), session
/// ends and resets, each becoming searchable late by an arbitrary delay, events from before the exporter started,
/// events repeated across pages, reads that fail on an arbitrary page, and the clock moving on, against the real
/// <see cref="AttemptsCycle"/> reading a <see cref="ModelConnectionLog"/> a few events per page. After every read: no
/// counter decreases; a read that failed changed nothing; after a complete read, the counts by status and reason and by
/// user equal the model's attempts from the counting start that were searchable at that read: late ones included,
/// none twice. The run stays inside one lookback, so every searchable event is in the window (pruning is pinned by
/// <see cref="AttemptLedgerTests"/>).
/// </summary>
public class AttemptsModelPropertyTests
{
    private static readonly string[] Statuses = ["successful", "failed", "waiting-for-assertion", "NA", "unheard-of"];
    private static readonly string[] Reasons = ["NA", "client-connect-failed", "authorization-policy-deny", "client-connect-handler-timed-out", "authentication-failed"];
    private static readonly string[] Users = ["alice", "bob", "NA"];

    private static readonly Gen<Operation> Attempt = Gen.Select(Gen.Int[0, Statuses.Length - 1], Gen.Int[0, Reasons.Length - 1], Gen.Int[0, Users.Length - 1], Gen.Int[0, 300], (s, r, u, delay) => (Operation)new Operation.Attempt(s, r, u, delay));

    private static readonly Gen<Operation> Step = Gen.Frequency(
        (5, Attempt),
        (1, Gen.Int[0, 300].Select(delay => (Operation)new Operation.NotAnAttempt(delay))),
        (3, Gen.Int[1, 90].Select(s => (Operation)new Operation.Advance(s))),
        (4, Gen.Const((Operation)new Operation.Read(0, Repeat: false))),
        (1, Gen.Int[1, 4].Select(page => (Operation)new Operation.Read(page, Repeat: false))),
        (1, Gen.Const((Operation)new Operation.Read(0, Repeat: true))));

    private static readonly Gen<(ImmutableArray<Operation> Before, ImmutableArray<Operation> After)> Run = Gen.Select(
        Attempt.Array[0, 6], Step.Array[1, 40], (before, after) => (ImmutableArray.Create(before), ImmutableArray.Create(after)));

    [Fact]
    public void Read_LateRepeatedEventsFailedPagesAndMovingClock_CountsEveryAttemptOnce() =>
        Run.Sample(
            run => Check(run.Before, run.After),
            iter: 150,
            threads: 1,
            print: run => $"\nbefore start: {string.Join(", ", run.Before)}\nsteps:\n{string.Join('\n', run.After.Select((o, i) => $"{i + 1}. {o}"))}");

    private static void Check(ImmutableArray<Operation> before, ImmutableArray<Operation> after)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));
        var log = new ModelConnectionLog(clock);

        // Events from before the exporter starts: before_start, even those that become searchable after it.
        foreach (var operation in before)
        {
            Write(log, clock, operation);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        clock.Advance(TimeSpan.FromSeconds(1));
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var parseMetrics = new ParseMetrics(meters);
        using var metrics = new ConnectionLogMetrics(meters);
        var options = new ExporterOptions { Regions = ["us-east-1"], PerUserMetrics = true };
        options.ConnectionLog.Lookback = TimeSpan.FromHours(2);
        options.ConnectionLog.PageSize = 3;
        var publisher = Substitute.For<IAttemptsPublisher>();
        AttemptReading? published = null;
        publisher.When(p => p.Publish(Arg.Any<IReadOnlyDictionary<string, AttemptReading>>())).Do(call => published = call.Arg<IReadOnlyDictionary<string, AttemptReading>>().Values.Single());
        using var cycle = new AttemptsCycle(
            new ConnectionLogReader(log, Microsoft.Extensions.Options.Options.Create(options)),
            publisher,
            Substitute.For<IPermissionObserver>(),
            metrics,
            parseMetrics,
            Microsoft.Extensions.Options.Options.Create(options),
            clock,
            NullLogger<AttemptsCycle>.Instance);
        var subject = new HealthSubject(
            new AwsTarget("default", "us-east-1", Substitute.For<IAmazonEC2>()),
            new EndpointDescription { EndpointId = "cvpn-endpoint-0123456789abcdef0", Region = "us-east-1", ConnectionLogEnabled = true, ConnectionLogGroup = "/aws/clientvpn/e", ConnectionLogStream = "connections" });

        var last = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var operation in after.Append(new Operation.Advance(400)).Append(new Operation.Read(0, Repeat: false)))
        {
            if (operation is not Operation.Read read)
            {
                Write(log, clock, operation);
                continue;
            }

            log.RepeatAcrossPages = read.Repeat;
            if (read.FailOnPage > 0)
            {
                log.FailNextReadOnPage(read.FailOnPage);
            }

            var failsNow = read.FailOnPage > 0 && read.FailOnPage <= Pages(log, clock, cycle.CountingStart, options.ConnectionLog.PageSize);
            cycle.RunAsync([subject], CancellationToken.None).GetAwaiter().GetResult();
            log.FailNextReadOnPage(0);
            var now = Totals(published!);
            Assert.All(last, l => Assert.True(now.GetValueOrDefault(l.Key) >= l.Value, $"{l.Key} went from {l.Value} to {now.GetValueOrDefault(l.Key)}"));
            if (failsNow)
            {
                Assert.Equal(last.Where(l => l.Value > 0).OrderBy(l => l.Key, StringComparer.Ordinal), now.Where(n => n.Value > 0).OrderBy(n => n.Key, StringComparer.Ordinal));
                Assert.NotNull(published!.FailureCode);
            }
            else
            {
                Assert.Null(published!.FailureCode);
                Assert.Equal(Truth(log, clock.GetUtcNow(), cycle.CountingStart).OrderBy(t => t.Key, StringComparer.Ordinal), now.Where(n => n.Value > 0).OrderBy(n => n.Key, StringComparer.Ordinal));
            }

            last = now;
        }
    }

    private static void Write(ModelConnectionLog log, FakeTimeProvider clock, Operation operation)
    {
        switch (operation)
        {
            case Operation.Attempt a:
                log.Write(clock.GetUtcNow(), TimeSpan.FromSeconds(a.DelaySeconds), LogEntries.Attempt(Statuses[a.Status], Reasons[a.Reason], Users[a.User], "laptop"));
                break;
            case Operation.NotAnAttempt n:
                log.Write(clock.GetUtcNow(), TimeSpan.FromSeconds(n.DelaySeconds), n.DelaySeconds % 2 == 0 ? LogEntries.Ended("alice") : LogEntries.Reset());
                break;
            case Operation.Advance advance:
                clock.Advance(TimeSpan.FromSeconds(advance.Seconds));
                break;
        }
    }

    /// <summary>How many pages the next read takes (at least one): a fault on a page past them never happens.</summary>
    private static int Pages(ModelConnectionLog log, TimeProvider clock, DateTimeOffset countingStart, int pageSize)
    {
        var searchable = log.Events.Count(e => e.IngestionTime <= clock.GetUtcNow() && e.Timestamp >= countingStart - TimeSpan.FromHours(2));
        return Math.Max(1, (searchable + pageSize - 1) / pageSize);
    }

    /// <summary>The model's attempts from the counting start searchable at <paramref name="now"/>, by the exporter's labels.</summary>
    private static Dictionary<string, ulong> Truth(ModelConnectionLog log, DateTimeOffset now, DateTimeOffset countingStart)
    {
        var truth = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var e in log.Events.Where(e => e.IngestionTime <= now && e.Timestamp >= countingStart))
        {
            var entry = ConnectionLogEntryParser.Parse(e.Message)!;
            if (entry.LogType == "connection-attempt" && entry.EndTime == "NA")
            {
                var status = Statuses.Take(3).Contains(entry.AttemptStatus, StringComparer.Ordinal) ? entry.AttemptStatus : "other";
                var reason = entry.FailureReason == "NA" ? "none" : entry.FailureReason == "authentication-failed" ? "other" : entry.FailureReason;
                var user = entry.Username == "NA" ? entry.CommonName : entry.Username;
                Add(truth, $"{status}/{reason}");
                Add(truth, $"user {user}/{status}");
            }
        }

        return truth;
    }

    private static Dictionary<string, ulong> Totals(AttemptReading reading)
    {
        var totals = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var a in reading.Attempts)
        {
            totals[$"{a.Status}/{a.Reason}"] = a.Count;
        }

        foreach (var u in reading.Users)
        {
            totals[$"user {u.User}/{u.Status}"] = u.Count;
        }

        return totals;
    }

    private static void Add(Dictionary<string, ulong> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>One step of a run.</summary>
    internal abstract record Operation
    {
        /// <summary>An attempt now, searchable <paramref name="DelaySeconds"/> later.</summary>
        public sealed record Attempt(int Status, int Reason, int User, int DelaySeconds) : Operation;

        /// <summary>A session's end or a reset now, searchable later.</summary>
        public sealed record NotAnAttempt(int DelaySeconds) : Operation;

        public sealed record Advance(int Seconds) : Operation;

        /// <summary>A read; it fails on page <paramref name="FailOnPage"/> (0: none); <paramref name="Repeat"/> repeats an event across pages.</summary>
        public sealed record Read(int FailOnPage, bool Repeat) : Operation;
    }
}
