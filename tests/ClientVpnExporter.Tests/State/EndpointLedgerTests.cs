using ClientVpnExporter.Parsing;
using ClientVpnExporter.State;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.State;

public class EndpointLedgerTests
{
    private static readonly DateTimeOffset Now = Connections.Start.AddHours(1);
    private readonly EndpointLedger ledger = new(TimeSpan.FromHours(1));
    private readonly List<EndedSession> ended = [];

    [Fact]
    public void Apply_AddsOnlyTheIncreaseOfEachConnection()
    {
        this.Apply(Connections.Active("c1", 100), Connections.Active("c2", 50));
        var reading = this.Apply(Connections.Active("c1", 130), Connections.Active("c2", 50));

        Assert.Equal(180UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_ConnectionAgedOut_KeepsItsBytesInTheTotal()
    {
        this.Apply(Connections.Active("c1", 100), Connections.Active("c2", 50));
        var reading = this.Apply(Connections.Active("c2", 60));

        Assert.Equal(160UL, Total(reading).IngressBytes);
        Assert.Equal(1, this.ledger.TrackedConnections);
    }

    [Fact]
    public void Apply_SessionFirstSeenTerminated_CountsAllOfItOnce()
    {
        var reading = this.Apply(Connections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(reading).IngressBytes);

        reading = this.Apply(Connections.Ended("c1", 500, TimeSpan.FromMinutes(10)));
        Assert.Equal(500UL, Total(reading).IngressBytes);
        Assert.Equal([new EndedSession("none", TimeSpan.FromMinutes(10))], this.ended);
    }

    [Fact]
    public void Apply_CounterGoesDown_TotalNeverDecreasesAndRecoveryIsNotCountedTwice()
    {
        this.Apply(Connections.Active("c1", 100));
        var afterGlitch = this.Apply(Connections.Active("c1", 10));
        var recovered = this.Apply(Connections.Active("c1", 120));

        Assert.Equal(100UL, Total(afterGlitch).IngressBytes);
        Assert.Equal(120UL, Total(recovered).IngressBytes);
    }

    [Fact]
    public void Apply_MalformedField_KeepsItsLastValueWhileOthersCount()
    {
        this.Apply(Connections.Active("c1", 100, egressBytes: 1000));
        var reading = this.Apply(Connections.Active("c1", 150, egressBytes: 1500) with { IngressBytes = null });

        Assert.Equal(100UL, Total(reading).IngressBytes);
        Assert.Equal(1500UL, Total(reading).EgressBytes);

        reading = this.Apply(Connections.Active("c1", 160, egressBytes: 1500));
        Assert.Equal(160UL, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_TotalsPastTheMaximum_SaturateInsteadOfWrapping()
    {
        var reading = this.Apply(Connections.Active("c1", long.MaxValue), Connections.Active("c2", long.MaxValue), Connections.Active("c3", long.MaxValue));

        Assert.Equal(ulong.MaxValue, Total(reading).IngressBytes);
    }

    [Fact]
    public void Apply_DuplicateConnectionAcrossPages_IsCountedOnce()
    {
        var reading = this.Apply(Connections.Active("c1", 100), Connections.Active("c1", 100));

        Assert.Equal(100UL, Total(reading).IngressBytes);
        Assert.Equal(1, reading.ConnectionCounts.Single().Count);
    }

    [Fact]
    public void Apply_CountsByStatusAndPosture()
    {
        var reading = this.Apply(
            Connections.Active("c1", 1, posture: "compliant"),
            Connections.Active("c2", 1, posture: "compliant"),
            Connections.Active("c3", 1, posture: "none"),
            Connections.Ended("c4", 1, TimeSpan.FromMinutes(1), posture: "compliant"));

        Assert.Equal(
            new[] { ("active", "compliant", 2L), ("active", "none", 1L), ("terminated", "compliant", 1L) },
            reading.ConnectionCounts.Select(c => (c.Status, c.Posture, c.Count)).Order());
        Assert.Equal(["compliant", "none"], reading.Totals.Select(t => t.Posture).Order());
    }

    [Fact]
    public void Apply_ActiveUsers_AreDistinctUsersWithAnActiveConnection()
    {
        var reading = this.Apply(
            Connections.Active("c1", 1, user: "alice"),
            Connections.Active("c2", 1, user: "alice"),
            Connections.Active("c3", 1, user: "bob"),
            Connections.Ended("c4", 1, TimeSpan.FromMinutes(1), user: "carol"));

        Assert.Equal(2, reading.ActiveUsers);
    }

    [Fact]
    public void Apply_UserDetail_TotalsSurviveSessionsAgingOutUntilRetentionEnds()
    {
        this.ledger.Apply([Connections.Active("c1", 100, user: "alice")], Now, ReadingDetail.Users, this.ended);
        var reading = this.ledger.Apply([Connections.Active("c2", 5, user: "bob")], Now.AddMinutes(30), ReadingDetail.Users, this.ended);

        var alice = reading.Users.Single(u => u.User == "alice");
        Assert.Equal(100UL, alice.Totals.IngressBytes);
        Assert.Empty(alice.ConnectionsByStatus);

        reading = this.ledger.Apply([Connections.Active("c2", 5, user: "bob")], Now.AddHours(2), ReadingDetail.Users, this.ended);
        Assert.Equal(["bob"], reading.Users.Select(u => u.User));
    }

    [Fact]
    public void Apply_UserListedWithoutNewTraffic_IsStillSeen()
    {
        this.ledger.Apply([Connections.Active("c1", 100, user: "alice")], Now, ReadingDetail.Users, this.ended);
        this.ledger.Apply([Connections.Active("c1", 100, user: "alice")], Now.AddMinutes(50), ReadingDetail.Users, this.ended);
        var reading = this.ledger.Apply([Connections.Active("c2", 5, user: "bob")], Now.AddMinutes(100), ReadingDetail.Users, this.ended);

        Assert.Equal(100UL, reading.Users.Single(u => u.User == "alice").Totals.IngressBytes);
    }

    [Fact]
    public void Apply_UserTotalsPastTheMaximum_SaturateAcrossConnections()
    {
        var reading = this.ledger.Apply(
            [Connections.Active("c1", long.MaxValue), Connections.Active("c2", long.MaxValue), Connections.Active("c3", 5)],
            Now,
            ReadingDetail.Users,
            this.ended);

        Assert.Equal(ulong.MaxValue, Assert.Single(reading.Users).Totals.IngressBytes);
    }

    [Fact]
    public void TrackedId_GivesTheLedgersOwnCopyOfAFollowedId()
    {
        var id = new string("c1".ToCharArray());
        this.Apply(Connections.Active(id, 100));

        Assert.Same(id, this.ledger.TrackedId(new string("c1".ToCharArray())));
        var unknown = new string("c2".ToCharArray());
        Assert.Same(unknown, this.ledger.TrackedId(unknown));
    }

    [Fact]
    public void StageThenComplete_IsApply()
    {
        var other = new EndpointLedger(TimeSpan.FromHours(1));
        ParsedConnection[] first = [Connections.Active("c1", 100, user: "alice"), Connections.Ended("c2", 50, TimeSpan.FromMinutes(3), user: "bob")];
        ParsedConnection[] second = [Connections.Active("c1", 180, user: "alice"), Connections.Active("c3", 9, user: "carol", posture: "compliant")];
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
        var reading = this.ledger.Apply([Connections.Active("c1", 100), Connections.Active("c2", 7)], Now, ReadingDetail.Connections, this.ended);

        Assert.Equal([("c1", 100UL), ("c2", 7UL)], reading.Connections.Select(c => (c.Connection.ConnectionId, c.Counters.IngressBytes)));
    }

    [Fact]
    public void Apply_WithoutDetail_BuildsNoDetailSeries()
    {
        var reading = this.Apply(Connections.Active("c1", 100));

        Assert.Empty(reading.Users);
        Assert.Empty(reading.Connections);
    }

    private static TrafficCounters Total(EndpointReading reading) =>
        reading.Totals.Aggregate(TrafficCounters.Zero, (sum, t) => sum + t.Totals);

    private EndpointReading Apply(params ParsedConnection[] listing) =>
        this.ledger.Apply(listing, Now, ReadingDetail.None, this.ended);
}
