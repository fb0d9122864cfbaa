using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws.Services;
using static ClientVpnExporter.Tests.Attempts.LogEntries;

namespace ClientVpnExporter.Tests.Attempts;

public class AttemptLedgerTests
{
    private static readonly DateTimeOffset Now = Start.AddMinutes(10);

    [Fact]
    public void Apply_SameEventsReadAgain_CountsEachOnce()
    {
        var ledger = Ledger();
        LogEvent[] events = [Event("e1", 10, Attempt()), Event("e2", 20, Attempt("failed", "client-connect-failed"))];

        var first = ledger.Apply(events, Start, Now);
        var second = ledger.Apply([.. events, Event("e3", 30, Attempt())], Start, Now);

        Assert.Equal(2, first[(int)EventOutcome.Counted]);
        Assert.Equal((1, 2), (second[(int)EventOutcome.Counted], second[(int)EventOutcome.Duplicate]));
        Assert.Equal(2UL, Count(ledger, "successful", "none"));
        Assert.Equal(1UL, Count(ledger, "failed", "client-connect-failed"));
    }

    [Fact]
    public void Apply_EventRepeatedWithinOneRead_CountsItOnce()
    {
        var ledger = Ledger();

        var outcomes = ledger.Apply([Event("e1", 10, Attempt()), Event("e1", 10, Attempt())], Start, Now);

        Assert.Equal((1, 1), (outcomes[(int)EventOutcome.Counted], outcomes[(int)EventOutcome.Duplicate]));
        Assert.Equal(1UL, Count(ledger, "successful", "none"));
    }

    [Fact]
    public void Apply_LateEventOlderThanOnesAlreadyCounted_IsCounted()
    {
        var ledger = Ledger();
        ledger.Apply([Event("e2", 100, Attempt())], Start, Now);

        ledger.Apply([Event("e1", 50, Attempt("failed", "authorization-policy-deny"), lateBy: 90), Event("e2", 100, Attempt())], Start, Now);

        Assert.Equal(1UL, Count(ledger, "failed", "authorization-policy-deny"));
        Assert.Equal(TimeSpan.FromSeconds(90), ledger.Reading(new AttemptReading()).IngestionLag);
        Assert.Equal(Start.AddSeconds(100), ledger.NewestEvent);
    }

    [Fact]
    public void Apply_WindowMovesOn_ForgetsOnlyTheIdsBeforeIt()
    {
        var ledger = Ledger();
        ledger.Apply([Event("old", 10, Attempt()), Event("recent", 400, Attempt())], Start, Now);

        ledger.Apply([], Start.AddSeconds(300), Now);

        Assert.Equal(1, ledger.SeenCount);
        var again = ledger.Apply([Event("recent", 400, Attempt())], Start.AddSeconds(300), Now);
        Assert.Equal(1, again[(int)EventOutcome.Duplicate]);
    }

    [Fact]
    public void Apply_ManyReadsOverAMovingWindow_IdsStayBoundedByTheWindow()
    {
        var ledger = Ledger();
        for (var minute = 0; minute < 120; minute++)
        {
            var events = Enumerable.Range(0, 60).Select(s => Event($"e{(minute * 60) + s}", (minute * 60) + s, Attempt())).ToList();
            ledger.Apply(events, Start.AddMinutes(minute - 15), Start.AddMinutes(minute));
        }

        Assert.InRange(ledger.SeenCount, 1, 16 * 60);
        Assert.Equal(120UL * 60, Count(ledger, "successful", "none"));
    }

    [Fact]
    public void Apply_EventBeforeTheCountingStart_IsNotCounted()
    {
        var ledger = new AttemptLedger(Start.AddSeconds(60), perUser: true, TimeSpan.FromHours(24));

        var outcomes = ledger.Apply([Event("before", 59.999, Attempt()), Event("at", 60, Attempt())], Start, Now);

        Assert.Equal((1, 1), (outcomes[(int)EventOutcome.BeforeStart], outcomes[(int)EventOutcome.Counted]));
        Assert.Equal(1UL, Count(ledger, "successful", "none"));
    }

    [Fact]
    public void Apply_SessionEndAndReset_AreNotAttempts()
    {
        var ledger = Ledger();

        var outcomes = ledger.Apply([Event("end", 10, Ended()), Event("reset", 11, Reset())], Start, Now);

        Assert.Equal(2, outcomes[(int)EventOutcome.NotAttempt]);
        Assert.All(ledger.Reading(new AttemptReading()).Attempts, a => Assert.Equal(0UL, a.Count));
    }

    [Fact]
    public void Apply_SamlLogin_IsTwoAttemptsByStatus()
    {
        var ledger = Ledger();

        ledger.Apply([Event("a", 1, Attempt("waiting-for-assertion", user: "bob")), Event("b", 2, Reset()), Event("c", 3, Attempt("successful", user: "bob"))], Start, Now);

        Assert.Equal(1UL, Count(ledger, "waiting-for-assertion", "none"));
        Assert.Equal(1UL, Count(ledger, "successful", "none"));
        Assert.Equal(2, ledger.Reading(new AttemptReading()).Users.Count(u => u.User == "bob"));
    }

    [Fact]
    public void Apply_UndocumentedStatusAndReason_AreOther()
    {
        var ledger = Ledger();

        ledger.Apply([Event("a", 1, Attempt("NA", "authentication-failed")), Event("b", 2, Attempt("failed", "something-new"))], Start, Now);

        Assert.Equal(1UL, Count(ledger, "other", "other"));
        Assert.Equal(1UL, Count(ledger, "failed", "other"));
    }

    [Fact]
    public void Apply_MalformedEntries_AreCountedOnceAndSkipped()
    {
        var ledger = Ledger();
        LogEvent[] events = [Event("bad", 1, "not json"), new("connections", null, null, Attempt(), "no-time"), new("connections", Start, Start, Attempt(), null), Event("good", 2, Attempt())];

        var first = ledger.Apply(events, Start, Now);
        var second = ledger.Apply([Event("bad", 1, "not json")], Start, Now);

        Assert.Equal((3, 1), (first[(int)EventOutcome.Malformed], first[(int)EventOutcome.Counted]));
        Assert.Equal(1, second[(int)EventOutcome.Duplicate]);
    }

    [Fact]
    public void Apply_PerUser_CountsByUserAndStatusAndForgetsUsersAfterTheRetention()
    {
        var ledger = new AttemptLedger(Start, perUser: true, TimeSpan.FromHours(1));
        ledger.Apply([Event("a", 1, Attempt("failed", "client-connect-failed", user: "mallory")), Event("b", 2, Attempt("failed", "NA", user: "NA", commonName: "laptop-7"))], Start, Now);

        var users = ledger.Reading(new AttemptReading()).Users;
        Assert.Contains(new UserAttemptCount("mallory", "failed", 1), users);
        Assert.Contains(new UserAttemptCount("laptop-7", "failed", 1), users);

        ledger.Apply([], Start, Now.AddHours(2));

        Assert.Empty(ledger.Reading(new AttemptReading()).Users);
        Assert.Equal(2UL, ledger.Reading(new AttemptReading()).Attempts.Where(a => a.Status == "failed").Aggregate(0UL, (sum, a) => sum + a.Count));
    }

    [Fact]
    public void Apply_PerUserOff_KeepsNoUsers()
    {
        var ledger = new AttemptLedger(Start, perUser: false, TimeSpan.FromHours(1));

        ledger.Apply([Event("a", 1, Attempt(user: "alice"))], Start, Now);

        Assert.Empty(ledger.Reading(new AttemptReading()).Users);
    }

    [Fact]
    public void Reading_NoEventsYet_ShowsSuccessAndEveryDocumentedFailureAtZero()
    {
        var attempts = Ledger().Reading(new AttemptReading()).Attempts;

        Assert.Contains(new AttemptCount("successful", "none", 0), attempts);
        Assert.All(AttemptLabels.Reasons, reason => Assert.Contains(new AttemptCount("failed", reason, 0), attempts));
        Assert.Equal(1 + AttemptLabels.Reasons.Count, attempts.Count);
    }

    private static AttemptLedger Ledger() => new(Start, perUser: true, TimeSpan.FromHours(24));

    private static ulong Count(AttemptLedger ledger, string status, string reason) =>
        ledger.Reading(new AttemptReading()).Attempts.SingleOrDefault(a => a.Status == status && a.Reason == reason)?.Count ?? 0;
}
