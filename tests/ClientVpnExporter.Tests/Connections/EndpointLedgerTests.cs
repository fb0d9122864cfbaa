using ClientVpnExporter.Connections;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Connections;

public class EndpointLedgerTests
{
    private static readonly DateTimeOffset Now = SampleConnections.Start.AddHours(1);
    private readonly EndpointLedger ledger = SampleConnections.Ledger();

    [Fact]
    public void Apply_AddsOnlyTheIncreaseOfEachConnection()
    {
        this.Apply(SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 50));
        var reading = this.Apply(SampleConnections.Active("c1", 130), SampleConnections.Active("c2", 50));

        Assert.Equal(180UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ConnectionAgedOut_KeepsItsBytesInTheTotalAndIsForgottenAfterThreeListings()
    {
        this.Apply(SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 50));
        var reading = this.Apply(SampleConnections.Active("c2", 60));
        Assert.Equal(160UL, Total(reading).IngressBytes);
        Assert.Equal(2, this.ledger.ToRecord().Connections.Count);

        this.Apply(SampleConnections.Active("c2", 60));
        Assert.Equal(2, this.ledger.ToRecord().Connections.Count);
        reading = this.Apply(SampleConnections.Active("c2", 60));

        Assert.Single(this.ledger.ToRecord().Connections);
        Assert.Equal(160UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ConnectionMissingFromTwoListings_IsNotCountedAgainWhenItReturns()
    {
        // A garbled id makes a connection miss a listing; when its id reads right again only its increase counts.
        this.Apply(SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 50));
        this.Apply(SampleConnections.Active("c2", 50));
        this.Apply(SampleConnections.Active("c2", 50));
        var reading = this.Apply(SampleConnections.Active("c1", 110), SampleConnections.Active("c2", 50));

        Assert.Equal(160UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_Baseline_RecordsEveryConnectionWithoutCountingIt()
    {
        var ledger = SampleConnections.Ledger(ReadingDetail.Users, awaitsBaseline: true);
        var first = ledger.Apply(
            SampleConnections.Listing(SampleConnections.Active("c1", 100, user: "alice"), SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5), user: "bob", posture: "compliant")),
            Now);

        Assert.False(ledger.AwaitsBaseline);
        Assert.Equal(default, Total(first));
        Assert.Equal(["compliant", "none"], first.Totals.Select(t => t.Posture).Order());
        Assert.Equal([("alice", 0UL), ("bob", 0UL)], first.Users.Select(u => (u.User, u.Totals.IngressBytes)).Order());
        Assert.Empty(first.SessionDurations);

        var second = ledger.Apply(
            SampleConnections.Listing(SampleConnections.Active("c1", 130), SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5)), SampleConnections.Ended("c3", 50, TimeSpan.FromMinutes(2))),
            Now);

        // c1 adds its increase; c3, first seen after the baseline (already ended), counts whole and is observed.
        Assert.Equal(80UL, Total(second).IngressBytes);
        Assert.Equal([("none", 120.0, 1L)], second.SessionDurations.Select(s => (s.Posture, s.Durations.Sum, s.Durations.Count)));
    }

    [Fact]
    public void Apply_ConnectionFromBeforeTheCountingStartMissingFromTheBaseline_IsRecordedWithoutCountingIt()
    {
        // Its id was garbled in the baseline, so the baseline did not list it; it had already ended.
        var countingStart = new CountingStart(SampleConnections.Start.AddMinutes(30));
        var ledger = SampleConnections.Ledger(ReadingDetail.Users, awaitsBaseline: true, countingStart);
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100)), Now);

        var reading = ledger.Apply(
            SampleConnections.Listing(SampleConnections.Active("c1", 110), SampleConnections.Ended("c2", 5000, TimeSpan.FromMinutes(10), user: "bob")),
            Now);

        Assert.Equal(10UL, Total(reading).IngressBytes);
        Assert.Equal(0UL, reading.Users.Single(u => u.User == "bob").Totals.IngressBytes);
        Assert.Empty(reading.SessionDurations);

        reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 110), SampleConnections.Ended("c2", 5000, TimeSpan.FromMinutes(10))), Now);
        Assert.Equal(10UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ConnectionFromBeforeTheCountingStartForgottenAfterMissingListings_CountsOnlyIncreasesWhenBack()
    {
        // Garbled in three listings in a row, it is forgotten; when its id reads right again it must not count whole.
        var ledger = SampleConnections.Ledger(awaitsBaseline: true, countingStart: new CountingStart(SampleConnections.Start.AddMinutes(30)));
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 7)), Now);
        for (var listing = 0; listing < EndpointLedger.ListingsMissedBeforeForgotten; listing++)
        {
            ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c2", 7)), Now);
        }

        Assert.Single(ledger.ToRecord().Connections);
        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 140), SampleConnections.Active("c2", 7)), Now);
        Assert.Equal(0UL, Total(reading).IngressBytes);

        reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 150), SampleConnections.Active("c2", 7)), Now);
        Assert.Equal(10UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_FirstListingOfANewLedger_CountsWholeOnlyConnectionsEstablishedSinceTheCountingStart()
    {
        // An endpoint found again after discovery left it out gets a new ledger that is not a baseline.
        var countingStart = SampleConnections.Start.AddMinutes(30);
        var ledger = SampleConnections.Ledger(countingStart: new CountingStart(countingStart));
        var reading = ledger.Apply(
            SampleConnections.Listing(
                SampleConnections.Active("c1", 100),
                SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5)),
                SampleConnections.Active("c3", 40) with { EstablishedAt = countingStart },
                SampleConnections.Active("c4", 9) with { EstablishedAt = null }),
            Now);

        // c3 began while the exporter was counting; c4's start did not parse, so its first reading is given up.
        Assert.Equal(40UL, Total(reading).IngressBytes);
        Assert.Empty(reading.SessionDurations);

        reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 101), SampleConnections.Active("c3", 40) with { EstablishedAt = countingStart }, SampleConnections.Active("c4", 12) with { EstablishedAt = null }), Now);
        Assert.Equal(44UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_BaselineCounterThatDidNotParse_StartsFromItsFirstGoodValue()
    {
        var ledger = SampleConnections.Ledger(awaitsBaseline: true);
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100, egressBytes: 1000) with { IngressBytes = null }), Now);

        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 150, egressBytes: 1010)), Now);
        Assert.Equal((0UL, 10UL), (Total(reading).IngressBytes, Total(reading).EgressBytes));

        reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 170, egressBytes: 1010)), Now);
        Assert.Equal(20UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ImplausibleIncrease_IsReportedAndTheLastGoodValueKept()
    {
        var readAt = SampleConnections.Start.AddMinutes(10);
        var first = this.Apply(SampleConnections.Active("c1", 100) with { ReadAt = readAt });

        var poisoned = this.Apply(SampleConnections.Active("c1", 9_000_000_000_000_000_000) with { ReadAt = readAt.AddMinutes(1) });
        var after = this.Apply(SampleConnections.Active("c1", 250) with { ReadAt = readAt.AddMinutes(2) });

        Assert.Equal(100UL, Total(poisoned).IngressBytes);
        Assert.Equal(250UL, Total(after).IngressBytes);
        Assert.Equal([new ParseError(ConnectionField.IngressBytes, "9000000000000000000"), new ParseError(ConnectionField.IngressPackets, "90000000000000000")], [.. first.ParseErrors, .. poisoned.ParseErrors, .. after.ParseErrors]);
    }

    [Fact]
    public void Apply_ImplausibleFirstValue_CountsNothingAndLaterValuesCountFromZero()
    {
        var first = this.Apply(SampleConnections.Active("c1", 9_000_000_000_000_000_000));
        var later = this.Apply(SampleConnections.Active("c1", 500));

        Assert.Equal(0UL, Total(first).IngressBytes);
        Assert.Equal(500UL, Total(later).IngressBytes);
        Assert.Contains(new ParseError(ConnectionField.IngressBytes, "9000000000000000000"), first.ParseErrors);
    }

    [Theory]
    [InlineData(10, 750_000_000_000UL, true)] // under the one-minute floor: 12.5 GB/s x 60 s
    [InlineData(10, 750_000_000_001UL, false)]
    [InlineData(3600, 45_000_000_000_000UL, true)] // an hour of the API's own time at 12.5 GB/s
    [InlineData(3600, 45_000_000_000_001UL, false)]
    public void Apply_IncreaseBound_Is12Point5GBPerSecondOfTheApisElapsedTime(int seconds, ulong increase, bool counted)
    {
        var readAt = SampleConnections.Start.AddMinutes(10);
        var start = SampleConnections.Active("c1", 0) with { IngressPackets = 0, ReadAt = readAt };
        var first = this.Apply(start);

        var reading = this.Apply(start with { IngressBytes = increase, ReadAt = readAt.AddSeconds(seconds) });

        Assert.Equal(counted ? increase : 0UL, Total(reading).IngressBytes);
        Assert.Equal(counted ? 0 : 1, first.ParseErrors.Count + reading.ParseErrors.Count);
    }

    [Fact]
    public void FromRecord_ContinuesTotalsAndCountsOnlyIncreasesOfKnownConnections()
    {
        var ledger = SampleConnections.Ledger(ReadingDetail.Users);
        var saved = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100, user: "alice"), SampleConnections.Ended("c2", 40, TimeSpan.FromMinutes(3))), Now);
        var restored = EndpointLedger.FromRecord(ledger.ToRecord(), TimeSpan.FromHours(1), ReadingDetail.Users, new CountingStart());

        var reading = restored.Apply(
            SampleConnections.Listing(SampleConnections.Active("c1", 130, user: "alice"), SampleConnections.Ended("c2", 40, TimeSpan.FromMinutes(3)), SampleConnections.Active("c3", 5, user: "carol")),
            Now.AddMinutes(1));

        Assert.False(restored.AwaitsBaseline);
        Assert.Equal(175UL, Total(reading).IngressBytes);
        Assert.Equal(170UL, reading.Users.Single(u => u.User == "alice").Totals.IngressBytes);
        Assert.Equal(Histograms(saved), Histograms(reading));
    }

    [Fact]
    public void FromRecord_LedgerSavedBeforeItsBaseline_StillTakesOne()
    {
        var saved = SampleConnections.Ledger(awaitsBaseline: true).ToRecord();

        var reading = Restore(saved).Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100)), Now);

        Assert.Equal(0UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_SessionFirstSeenTerminated_CountsAllOfItOnce()
    {
        var first = this.Apply(SampleConnections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(first).IngressBytes);

        var second = this.Apply(SampleConnections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(second).IngressBytes);
        Assert.Equal([("none", "0 0 1 1 1 1 1 1 1 1", 600.0, 1L)], Histograms(first));
        Assert.Equal(Histograms(first), Histograms(second));
    }

    [Fact]
    public void Apply_SessionSeenEnded_CountedOnceInItsPostureBuckets()
    {
        var first = this.Apply(
            SampleConnections.Ended("c1", 1, TimeSpan.FromMinutes(10), posture: "compliant"),
            SampleConnections.Ended("c2", 1, TimeSpan.FromMinutes(2)),
            SampleConnections.Active("c3", 1, posture: "compliant"));
        var second = this.Apply(
            SampleConnections.Ended("c1", 1, TimeSpan.FromMinutes(10), posture: "compliant"),
            SampleConnections.Ended("c2", 1, TimeSpan.FromMinutes(2)),
            SampleConnections.Ended("c3", 1, TimeSpan.FromSeconds(30), posture: "compliant"));

        Assert.Equal(
            [("compliant", "0 0 1 1 1 1 1 1 1 1", 600.0, 1L), ("none", "0 1 1 1 1 1 1 1 1 1", 120.0, 1L)],
            Histograms(first));
        Assert.Equal(
            [("compliant", "1 1 2 2 2 2 2 2 2 2", 630.0, 2L), ("none", "0 1 1 1 1 1 1 1 1 1", 120.0, 1L)],
            Histograms(second));
    }

    [Fact]
    public void Apply_SessionLongerThanTheLastBucketOrEndedBeforeItBegan_OnlyInfOrZero()
    {
        var reading = this.Apply(
            SampleConnections.Ended("c1", 1, TimeSpan.FromDays(2)),
            SampleConnections.Ended("c2", 1, TimeSpan.FromMinutes(-5)));

        Assert.Equal([("none", "1 1 1 1 1 1 1 1 1 1", 172_800.0, 2L)], Histograms(reading));
    }

    [Fact]
    public void Apply_SameEndedSessionListedAgain_NotCountedTwice()
    {
        var ended = SampleConnections.Ended("c1", 1, TimeSpan.FromMinutes(10));
        this.Apply(ended);
        var again = this.Apply(ended, SampleConnections.Active("c2", 1));

        // Not after a restart either: the record keeps which ended sessions were observed, and the histogram.
        var restored = Restore(this.ledger.ToRecord()).Apply(SampleConnections.Listing(ended), Now);

        Assert.Equal([("none", "0 0 1 1 1 1 1 1 1 1", 600.0, 1L)], Histograms(again));
        Assert.Equal(Histograms(again), Histograms(restored));
    }

    [Fact]
    public void Apply_BaselineListing_ObservesNoSession()
    {
        var ledger = SampleConnections.Ledger(awaitsBaseline: true);
        ParsedConnection[] listing = [SampleConnections.Ended("c1", 1, TimeSpan.FromMinutes(10)), SampleConnections.Ended("c2", 1, TimeSpan.FromHours(3), posture: "compliant")];

        // Neither in the baseline nor when the sessions are listed again after it.
        EndpointReading[] readings = [ledger.Apply(SampleConnections.Listing(listing), Now), ledger.Apply(SampleConnections.Listing(listing), Now)];

        Assert.All(readings, r => Assert.Empty(r.SessionDurations));
    }

    [Fact]
    public void Apply_BaselineListings_TheirEarliestTimeBecomesTheCountingStartOnlyWhenSettled()
    {
        var countingStart = new CountingStart();
        var listedAt = SampleConnections.Start.AddMinutes(30);
        var early = SampleConnections.Ledger(awaitsBaseline: true, countingStart: countingStart);
        var late = SampleConnections.Ledger(awaitsBaseline: true, countingStart: countingStart);
        var found = SampleConnections.Ledger(countingStart: countingStart);

        late.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 1)) with { ListedAt = listedAt.AddSeconds(3) }, Now);
        early.Apply(SampleConnections.Listing(SampleConnections.Active("c2", 1)) with { ListedAt = listedAt }, Now);

        // Reads of the same poll still see the start known when it began: none, so a new connection counts whole.
        Assert.Null(countingStart.Value);
        Assert.Equal(5UL, Total(found.Apply(SampleConnections.Listing(SampleConnections.Active("c3", 5)), Now)).IngressBytes);

        countingStart.Settle();

        Assert.Equal(listedAt, countingStart.Value);

        // c4 was established before the counting start: recorded, not counted.
        Assert.Equal(5UL, Total(found.Apply(SampleConnections.Listing(SampleConnections.Active("c3", 5), SampleConnections.Active("c4", 7)), Now)).IngressBytes);
    }

    [Fact]
    public void Apply_CounterGoesDown_TotalNeverDecreasesAndRecoveryIsNotCountedTwice()
    {
        this.Apply(SampleConnections.Active("c1", 100));
        var afterGlitch = this.Apply(SampleConnections.Active("c1", 10));
        var recovered = this.Apply(SampleConnections.Active("c1", 120));

        Assert.Equal(100UL, Total(afterGlitch).IngressBytes);
        Assert.Equal(120UL, Total(recovered).IngressBytes);
    }

    [Fact]
    public void Apply_MalformedField_KeepsItsLastValueWhileOthersCount()
    {
        this.Apply(SampleConnections.Active("c1", 100, egressBytes: 1000));
        var reading = this.Apply(SampleConnections.Active("c1", 150, egressBytes: 1500) with { IngressBytes = null });

        Assert.Equal(100UL, Total(reading).IngressBytes);
        Assert.Equal(1500UL, Total(reading).EgressBytes);

        reading = this.Apply(SampleConnections.Active("c1", 160, egressBytes: 1500));
        Assert.Equal(160UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_TotalsPastTheMaximum_SaturateInsteadOfWrapping()
    {
        // No single reading is that large (it would be implausible): the total got there over time.
        var ledger = Restore(new LedgerRecord { Totals = [new PostureTotals("none", new TrafficCounters(ulong.MaxValue - 10, 0, 0, 0))] });

        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100)), Now);

        Assert.Equal(ulong.MaxValue, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_DuplicateConnectionAcrossPages_IsCountedOnce()
    {
        var reading = this.Apply(SampleConnections.Active("c1", 100), SampleConnections.Active("c1", 100));

        Assert.Equal(100UL, Total(reading).IngressBytes);
        Assert.Equal(1, reading.ConnectionCounts.Single().Count);
    }

    [Fact]
    public void Apply_CountsByStatusAndPosture()
    {
        var reading = this.Apply(
            SampleConnections.Active("c1", 1, posture: "compliant"),
            SampleConnections.Active("c2", 1, posture: "compliant"),
            SampleConnections.Active("c3", 1, posture: "none"),
            SampleConnections.Ended("c4", 1, TimeSpan.FromMinutes(1), posture: "compliant"));

        Assert.Equal(
            new[] { ("active", "compliant", 2L), ("active", "none", 1L), ("terminated", "compliant", 1L) },
            reading.ConnectionCounts.Select(c => (c.Status, c.Posture, c.Count)).Order());
        Assert.Equal(["compliant", "none"], reading.Totals.Select(t => t.Posture).Order());
    }

    [Fact]
    public void Apply_ActiveUsers_AreDistinctUsersWithAnActiveConnection()
    {
        var reading = this.Apply(
            SampleConnections.Active("c1", 1, user: "alice"),
            SampleConnections.Active("c2", 1, user: "alice"),
            SampleConnections.Active("c3", 1, user: "bob"),
            SampleConnections.Ended("c4", 1, TimeSpan.FromMinutes(1), user: "carol"));

        Assert.Equal(2, reading.ActiveUsers);
    }

    [Fact]
    public void Apply_UserDetail_TotalsSurviveSessionsAgingOutUntilRetentionEnds()
    {
        var ledger = SampleConnections.Ledger(ReadingDetail.Users);
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100, user: "alice")), Now);
        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c2", 5, user: "bob")), Now.AddMinutes(30));

        var alice = reading.Users.Single(u => u.User == "alice");
        Assert.Equal(100UL, alice.Totals.IngressBytes);
        Assert.Empty(alice.ConnectionsByStatus);

        reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c2", 5, user: "bob")), Now.AddHours(2));
        Assert.Equal(["bob"], reading.Users.Select(u => u.User));
    }

    [Fact]
    public void Apply_UserListedWithoutNewTraffic_IsStillSeen()
    {
        var ledger = SampleConnections.Ledger(ReadingDetail.Users);
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100, user: "alice")), Now);
        ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100, user: "alice")), Now.AddMinutes(50));
        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c2", 5, user: "bob")), Now.AddMinutes(100));

        Assert.Equal(100UL, reading.Users.Single(u => u.User == "alice").Totals.IngressBytes);
    }

    [Fact]
    public void Apply_UserTotalsPastTheMaximum_SaturateAcrossConnections()
    {
        var ledger = Restore(new LedgerRecord { Users = [new UserRecord { User = "alice", Totals = new TrafficCounters(ulong.MaxValue - 10, 0, 0, 0), LastSeen = Now }] }, ReadingDetail.Users);

        var reading = ledger.Apply(SampleConnections.Listing(SampleConnections.Active("c1", 8), SampleConnections.Active("c2", 8), SampleConnections.Active("c3", 5)), Now);

        Assert.Equal(ulong.MaxValue, Assert.Single(reading.Users).Totals.IngressBytes);
    }

    [Fact]
    public void TrackedId_GivesTheLedgersOwnCopyOfAFollowedIdAndNullForAnother()
    {
        var id = new string("c1".ToCharArray());
        this.Apply(SampleConnections.Active(id, 100));

        Assert.Same(id, this.ledger.TrackedId("c1".AsSpan()));
        Assert.Null(this.ledger.TrackedId("c2".AsSpan()));
    }

    [Fact]
    public void Apply_ConnectionDetail_ListsEachConnectionWithItsCounters()
    {
        var reading = SampleConnections.Ledger(ReadingDetail.Connections).Apply(SampleConnections.Listing(SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 7)), Now);

        Assert.Equal([("c1", 100UL), ("c2", 7UL)], reading.Connections.Select(c => (c.Connection.ConnectionId, c.Counters.IngressBytes)));
    }

    [Fact]
    public void Apply_WithoutDetail_BuildsNoDetailSeries()
    {
        var reading = this.Apply(SampleConnections.Active("c1", 100));

        Assert.Empty(reading.Users);
        Assert.Empty(reading.Connections);
    }

    private static TrafficCounters Total(EndpointReading reading) =>
        reading.Totals.Aggregate(default(TrafficCounters), (sum, t) => sum + t.Totals);

    // Bucket counts as text, so that tuples holding them compare by value.
    private static (string Posture, string Buckets, double Sum, long Count)[] Histograms(EndpointReading reading) =>
        [.. reading.SessionDurations.OrderBy(s => s.Posture, StringComparer.Ordinal).Select(s => (s.Posture, string.Join(' ', s.Durations.BucketCounts), s.Durations.Sum, s.Durations.Count))];

    private static EndpointLedger Restore(LedgerRecord record, ReadingDetail detail = ReadingDetail.None) =>
        EndpointLedger.FromRecord(record, TimeSpan.FromHours(1), detail, new CountingStart());

    private EndpointReading Apply(params ParsedConnection[] listing) =>
        this.ledger.Apply(SampleConnections.Listing(listing), Now);
}
