using Amazon.EC2;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Polling;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling;

public class PollPlanTests
{
    private const string EndpointA = "cvpn-endpoint-0000000000000000a";
    private const string EndpointB = "cvpn-endpoint-0000000000000000b";

    private readonly AwsTarget one = new("arn:aws:iam::123456789012:role/one", "us-east-1", Substitute.For<IAmazonEC2>());
    private readonly AwsTarget two = new("arn:aws:iam::123456789012:role/two", "us-east-1", Substitute.For<IAmazonEC2>());

    [Fact]
    public void PollPlan_EndpointFoundByTwoTargets_ReadOnce()
    {
        var plan = this.NewPlan();

        var reads = BuildPoll(plan, Found(this.one, true, EndpointA), Found(this.two, true, EndpointA, EndpointB));

        Assert.Equal([(EndpointA, this.one), (EndpointB, this.two)], reads.Select(r => (r.Endpoint.Description.EndpointId, r.Target)));
        Assert.All(reads, r => Assert.True(r.Endpoint.Ledger.AwaitsBaseline));
    }

    [Fact]
    public void Build_EndpointMissedButNotGone_IsStillReadUntilItIs()
    {
        var plan = this.NewPlan();
        BuildPoll(plan, Found(this.one, true, EndpointA));

        for (var missed = 1; missed < FleetPoller.DiscoveriesMissedBeforeRemoved; missed++)
        {
            var reads = BuildPoll(plan, Found(this.one, false));
            Assert.Equal([EndpointA], reads.Select(r => r.Endpoint.Description.EndpointId));
        }

        Assert.Empty(BuildPoll(plan, Found(this.one, false)));
        plan.RemoveGone();
        Assert.Empty(plan.ViewsAt(DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Build_EndpointNewAfterTheFirstAnswerOrListedAsDeleted_IsNoBaselineOrNotRead()
    {
        var plan = this.NewPlan();
        BuildPoll(plan, Found(this.one, true, EndpointA));

        var reads = BuildPoll(plan, Found(this.one, false, EndpointA, EndpointB), FoundDescribed(this.two, true, new EndpointDescription { EndpointId = "cvpn-endpoint-0000000000000000c", Region = "us-east-1", Status = DiscoveryTracker.DeletedStatus }));

        Assert.Equal([EndpointA, EndpointB], reads.Select(r => r.Endpoint.Description.EndpointId));
        Assert.False(reads[1].Endpoint.Ledger.AwaitsBaseline);
    }

    private PollPlan NewPlan()
    {
        var targets = Substitute.For<IAwsTargets>();
        targets.Targets.Returns([this.one, this.two]);
        return new PollPlan(Options.Create(new ExporterOptions()), targets, null, NullLoggerFactory.Instance);
    }

    /// <summary>One poll's plan: the targets built in the order given, as their discoveries answer.</summary>
    private static List<PollPlan.Read> BuildPoll(PollPlan plan, params TargetDiscovery[] discoveries)
    {
        plan.BeginPoll();
        return [.. discoveries.SelectMany(plan.Build)];
    }

    private static TargetDiscovery Found(AwsTarget target, bool first, params string[] ids) =>
        FoundDescribed(target, first, [.. ids.Select(id => new EndpointDescription { EndpointId = id, Region = target.Region, Status = "available" })]);

    private static TargetDiscovery FoundDescribed(AwsTarget target, bool first, params EndpointDescription[] endpoints) =>
        new(target, endpoints, Answered: true, IsFirstAnswer: first);
}
