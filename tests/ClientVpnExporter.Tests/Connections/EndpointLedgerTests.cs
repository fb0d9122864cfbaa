using ClientVpnExporter.Connections;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Connections;

public class EndpointLedgerTests
{
    private static readonly DateTimeOffset Now = SampleConnections.Start.AddHours(1);
    private readonly EndpointLedger ledger = new(TimeSpan.FromHours(1));
    private readonly List<EndedSession> ended = [];

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
        Assert.Equal(2, this.ledger.TrackedConnections);

        this.Apply(SampleConnections.Active("c2", 60));
        Assert.Equal(2, this.ledger.TrackedConnections);
        reading = this.Apply(SampleConnections.Active("c2", 60));

        Assert.Equal(1, this.ledger.TrackedConnections);
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
        var ledger = new EndpointLedger(TimeSpan.FromHours(1), awaitsBaseline: true);
        var first = ledger.Apply(
            [SampleConnections.Active("c1", 100, user: "alice"), SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5), user: "bob", posture: "compliant")],
            Now,
            ReadingDetail.Users,
            this.ended);

        Assert.False(ledger.AwaitsBaseline);
        Assert.Equal(TrafficCounters.Zero, Total(first));
        Assert.Equal(["compliant", "none"], first.Totals.Select(t => t.Posture).Order());
        Assert.Equal([("alice", 0UL), ("bob", 0UL)], first.Users.Select(u => (u.User, u.Totals.IngressBytes)).Order());
        Assert.Empty(this.ended);

        var second = ledger.Apply(
            [SampleConnections.Active("c1", 130), SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5)), SampleConnections.Ended("c3", 50, TimeSpan.FromMinutes(2))],
            Now,
            ReadingDetail.None,
            this.ended);

        // c1 adds its increase; c3, first seen after the baseline (already ended), counts whole and is observed.
        Assert.Equal(80UL, Total(second).IngressBytes);
        Assert.Equal([new EndedSession("none", TimeSpan.FromMinutes(2))], this.ended);
    }

    [Fact]
    public void Apply_ConnectionFromBeforeTheCountingStartMissingFromTheBaseline_IsRecordedWithoutCountingIt()
    {
        // Its id was garbled in the baseline, so the baseline did not list it; it had already ended.
        var countingStart = SampleConnections.Start.AddMinutes(30);
        var ledger = new EndpointLedger(TimeSpan.FromHours(1), awaitsBaseline: true);
        ledger.Apply([SampleConnections.Active("c1", 100)], Now, ReadingDetail.Users, this.ended, countingStart: countingStart);

        var reading = ledger.Apply(
            [SampleConnections.Active("c1", 110), SampleConnections.Ended("c2", 5000, TimeSpan.FromMinutes(10), user: "bob")],
            Now,
            ReadingDetail.Users,
            this.ended,
            countingStart: countingStart);

        Assert.Equal(10UL, Total(reading).IngressBytes);
        Assert.Equal(0UL, reading.Users.Single(u => u.User == "bob").Totals.IngressBytes);
        Assert.Empty(this.ended);

        reading = ledger.Apply([SampleConnections.Active("c1", 110), SampleConnections.Ended("c2", 5000, TimeSpan.FromMinutes(10))], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        Assert.Equal(10UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ConnectionFromBeforeTheCountingStartForgottenAfterMissingListings_CountsOnlyIncreasesWhenBack()
    {
        // Garbled in three listings in a row, it is forgotten; when its id reads right again it must not count whole.
        var countingStart = SampleConnections.Start.AddMinutes(30);
        var ledger = new EndpointLedger(TimeSpan.FromHours(1), awaitsBaseline: true);
        ledger.Apply([SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 7)], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        for (var listing = 0; listing < EndpointLedger.ListingsMissedBeforeForgotten; listing++)
        {
            ledger.Apply([SampleConnections.Active("c2", 7)], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        }

        Assert.Equal(1, ledger.TrackedConnections);
        var reading = ledger.Apply([SampleConnections.Active("c1", 140), SampleConnections.Active("c2", 7)], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        Assert.Equal(0UL, Total(reading).IngressBytes);

        reading = ledger.Apply([SampleConnections.Active("c1", 150), SampleConnections.Active("c2", 7)], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        Assert.Equal(10UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_FirstListingOfANewLedger_CountsWholeOnlyConnectionsEstablishedSinceTheCountingStart()
    {
        // An endpoint found again after discovery left it out gets a new ledger that is not a baseline.
        var countingStart = SampleConnections.Start.AddMinutes(30);
        var ledger = new EndpointLedger(TimeSpan.FromHours(1));
        var reading = ledger.Apply(
            [
                SampleConnections.Active("c1", 100),
                SampleConnections.Ended("c2", 70, TimeSpan.FromMinutes(5)),
                SampleConnections.Active("c3", 40) with { EstablishedAt = countingStart },
                SampleConnections.Active("c4", 9) with { EstablishedAt = null },
            ],
            Now,
            ReadingDetail.None,
            this.ended,
            countingStart: countingStart);

        // c3 began while the exporter was counting; c4's start did not parse, so its first reading is given up.
        Assert.Equal(40UL, Total(reading).IngressBytes);
        Assert.Empty(this.ended);

        reading = ledger.Apply([SampleConnections.Active("c1", 101), SampleConnections.Active("c3", 40) with { EstablishedAt = countingStart }, SampleConnections.Active("c4", 12) with { EstablishedAt = null }], Now, ReadingDetail.None, this.ended, countingStart: countingStart);
        Assert.Equal(44UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_BaselineCounterThatDidNotParse_StartsFromItsFirstGoodValue()
    {
        var ledger = new EndpointLedger(TimeSpan.FromHours(1), awaitsBaseline: true);
        ledger.Apply([SampleConnections.Active("c1", 100, egressBytes: 1000) with { IngressBytes = null }], Now, ReadingDetail.None, this.ended);

        var reading = ledger.Apply([SampleConnections.Active("c1", 150, egressBytes: 1010)], Now, ReadingDetail.None, this.ended);
        Assert.Equal((0UL, 10UL), (Total(reading).IngressBytes, Total(reading).EgressBytes));

        reading = ledger.Apply([SampleConnections.Active("c1", 170, egressBytes: 1010)], Now, ReadingDetail.None, this.ended);
        Assert.Equal(20UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ImplausibleIncrease_IsReportedAndTheLastGoodValueKept()
    {
        var errors = new List<ParseError>();
        var readAt = SampleConnections.Start.AddMinutes(10);
        this.ledger.Apply([SampleConnections.Active("c1", 100) with { ReadAt = readAt }], Now, ReadingDetail.None, this.ended, errors);

        var poisoned = this.ledger.Apply([SampleConnections.Active("c1", 9_000_000_000_000_000_000) with { ReadAt = readAt.AddMinutes(1) }], Now, ReadingDetail.None, this.ended, errors);
        var after = this.ledger.Apply([SampleConnections.Active("c1", 250) with { ReadAt = readAt.AddMinutes(2) }], Now, ReadingDetail.None, this.ended, errors);

        Assert.Equal(100UL, Total(poisoned).IngressBytes);
        Assert.Equal(250UL, Total(after).IngressBytes);
        Assert.Equal([new ParseError(ConnectionField.IngressBytes, "9000000000000000000"), new ParseError(ConnectionField.IngressPackets, "90000000000000000")], errors);
    }

    [Fact]
    public void Apply_ImplausibleFirstValue_CountsNothingAndLaterValuesCountFromZero()
    {
        var errors = new List<ParseError>();
        var first = this.ledger.Apply([SampleConnections.Active("c1", 9_000_000_000_000_000_000)], Now, ReadingDetail.None, this.ended, errors);
        var later = this.ledger.Apply([SampleConnections.Active("c1", 500)], Now, ReadingDetail.None, this.ended, errors);

        Assert.Equal(0UL, Total(first).IngressBytes);
        Assert.Equal(500UL, Total(later).IngressBytes);
        Assert.Contains(new ParseError(ConnectionField.IngressBytes, "9000000000000000000"), errors);
    }

    [Theory]
    [InlineData(10, 750_000_000_000UL, true)] // under the one-minute floor: 12.5 GB/s x 60 s
    [InlineData(10, 750_000_000_001UL, false)]
    [InlineData(3600, 45_000_000_000_000UL, true)] // an hour of the API's own time at 12.5 GB/s
    [InlineData(3600, 45_000_000_000_001UL, false)]
    public void Apply_IncreaseBound_Is12Point5GBPerSecondOfTheApisElapsedTime(int seconds, ulong increase, bool counted)
    {
        var errors = new List<ParseError>();
        var readAt = SampleConnections.Start.AddMinutes(10);
        var start = SampleConnections.Active("c1", 0) with { IngressPackets = 0, ReadAt = readAt };
        this.ledger.Apply([start], Now, ReadingDetail.None, this.ended, errors);

        var reading = this.ledger.Apply([start with { IngressBytes = increase, ReadAt = readAt.AddSeconds(seconds) }], Now, ReadingDetail.None, this.ended, errors);

        Assert.Equal(counted ? increase : 0UL, Total(reading).IngressBytes);
        Assert.Equal(counted ? 0 : 1, errors.Count);
    }

    [Fact]
    public void FromRecord_ContinuesTotalsAndCountsOnlyIncreasesOfKnownConnections()
    {
        this.ledger.Apply([SampleConnections.Active("c1", 100, user: "alice"), SampleConnections.Ended("c2", 40, TimeSpan.FromMinutes(3))], Now, ReadingDetail.Users, this.ended);
        var restored = EndpointLedger.FromRecord(this.ledger.ToRecord(), TimeSpan.FromHours(1));
        this.ended.Clear();

        var reading = restored.Apply(
            [SampleConnections.Active("c1", 130, user: "alice"), SampleConnections.Ended("c2", 40, TimeSpan.FromMinutes(3)), SampleConnections.Active("c3", 5, user: "carol")],
            Now.AddMinutes(1),
            ReadingDetail.Users,
            this.ended);

        Assert.False(restored.AwaitsBaseline);
        Assert.Equal(175UL, Total(reading).IngressBytes);
        Assert.Equal(170UL, reading.Users.Single(u => u.User == "alice").Totals.IngressBytes);
        Assert.Empty(this.ended);
    }

    [Fact]
    public void FromRecord_LedgerSavedBeforeItsBaseline_StillTakesOne()
    {
        var saved = new EndpointLedger(TimeSpan.FromHours(1), awaitsBaseline: true).ToRecord();

        var reading = EndpointLedger.FromRecord(saved, TimeSpan.FromHours(1)).Apply([SampleConnections.Active("c1", 100)], Now, ReadingDetail.None, this.ended);

        Assert.Equal(0UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_SessionFirstSeenTerminated_CountsAllOfItOnce()
    {
        var reading = this.Apply(SampleConnections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(reading).IngressBytes);

        reading = this.Apply(SampleConnections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(reading).IngressBytes);
        Assert.Equal([new EndedSession("none", TimeSpan.FromMinutes(10))], this.ended);
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
        var ledger = EndpointLedger.FromRecord(
            new LedgerRecord { Totals = [new PostureTotals("none", new TrafficCounters(ulong.MaxValue - 10, 0, 0, 0))] },
            TimeSpan.FromHours(1));

        var reading = ledger.Apply([SampleConnections.Active("c1", 100)], Now, ReadingDetail.None, this.ended);

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
        this.ledger.Apply([SampleConnections.Active("c1", 100, user: "alice")], Now, ReadingDetail.Users, this.ended);
        var reading = this.ledger.Apply([SampleConnections.Active("c2", 5, user: "bob")], Now.AddMinutes(30), ReadingDetail.Users, this.ended);

        var alice = reading.Users.Single(u => u.User == "alice");
        Assert.Equal(100UL, alice.Totals.IngressBytes);
        Assert.Empty(alice.ConnectionsByStatus);

        reading = this.ledger.Apply([SampleConnections.Active("c2", 5, user: "bob")], Now.AddHours(2), ReadingDetail.Users, this.ended);
        Assert.Equal(["bob"], reading.Users.Select(u => u.User));
    }

    [Fact]
    public void Apply_UserListedWithoutNewTraffic_IsStillSeen()
    {
        this.ledger.Apply([SampleConnections.Active("c1", 100, user: "alice")], Now, ReadingDetail.Users, this.ended);
        this.ledger.Apply([SampleConnections.Active("c1", 100, user: "alice")], Now.AddMinutes(50), ReadingDetail.Users, this.ended);
        var reading = this.ledger.Apply([SampleConnections.Active("c2", 5, user: "bob")], Now.AddMinutes(100), ReadingDetail.Users, this.ended);

        Assert.Equal(100UL, reading.Users.Single(u => u.User == "alice").Totals.IngressBytes);
    }

    [Fact]
    public void Apply_UserTotalsPastTheMaximum_SaturateAcrossConnections()
    {
        var ledger = EndpointLedger.FromRecord(
            new LedgerRecord { Users = [new UserRecord { User = "alice", Totals = new TrafficCounters(ulong.MaxValue - 10, 0, 0, 0), LastSeen = Now }] },
            TimeSpan.FromHours(1));

        var reading = ledger.Apply([SampleConnections.Active("c1", 8), SampleConnections.Active("c2", 8), SampleConnections.Active("c3", 5)], Now, ReadingDetail.Users, this.ended);

        Assert.Equal(ulong.MaxValue, Assert.Single(reading.Users).Totals.IngressBytes);
    }

    [Fact]
    public void TrackedId_GivesTheLedgersOwnCopyOfAFollowedId()
    {
        var id = new string("c1".ToCharArray());
        this.Apply(SampleConnections.Active(id, 100));

        Assert.Same(id, this.ledger.TrackedId(new string("c1".ToCharArray())));
        var unknown = new string("c2".ToCharArray());
        Assert.Same(unknown, this.ledger.TrackedId(unknown));
    }

    [Fact]
    public void StageThenComplete_IsApply()
    {
        var other = new EndpointLedger(TimeSpan.FromHours(1));
        ParsedConnection[] first = [SampleConnections.Active("c1", 100, user: "alice"), SampleConnections.Ended("c2", 50, TimeSpan.FromMinutes(3), user: "bob")];
        ParsedConnection[] second = [SampleConnections.Active("c1", 180, user: "alice"), SampleConnections.Active("c3", 9, user: "carol", posture: "compliant")];
        var otherEnded = new List<EndedSession>();

        foreach (var listing in new[] { first, second })
        {
            var applied = this.ledger.Apply(listing, Now, ReadingDetail.Users | ReadingDetail.Connections, this.ended);
            var staged = other.Stage(listing, ReadingDetail.Users | ReadingDetail.Connections, otherEnded);
            var completed = other.Complete(staged, Now);

            Assert.Equal(applied.ConnectionCounts, completed.ConnectionCounts);
            Assert.Equal(applied.ActiveUsers, completed.ActiveUsers);
            Assert.Equal(applied.Totals, completed.Totals);
            Assert.Equal(applied.Users.Select(u => (u.User, u.Totals, u.ConnectionsByStatus.Count)), completed.Users.Select(u => (u.User, u.Totals, u.ConnectionsByStatus.Count)));
            Assert.Equal(applied.Connections, completed.Connections);
        }

        Assert.Equal(this.ended, otherEnded);
        Assert.Equal(this.ledger.TrackedConnections, other.TrackedConnections);
    }

    [Fact]
    public void Apply_ConnectionDetail_ListsEachConnectionWithItsCounters()
    {
        var reading = this.ledger.Apply([SampleConnections.Active("c1", 100), SampleConnections.Active("c2", 7)], Now, ReadingDetail.Connections, this.ended);

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
        reading.Totals.Aggregate(TrafficCounters.Zero, (sum, t) => sum + t.Totals);

    private EndpointReading Apply(params ParsedConnection[] listing) =>
        this.ledger.Apply(listing, Now, ReadingDetail.None, this.ended);
}
