using System.Diagnostics.Metrics;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling;

/// <summary>The removal rule: only successful discoveries that do not list an endpoint count, three in a row remove it.</summary>
public sealed class DiscoveryTrackerTests : IDisposable
{
    private const string EndpointA = "cvpn-endpoint-0000000000000000a";

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeLogger<DiscoveryTracker> logger = new();
    private readonly AwsTarget target;
    private readonly DiscoveryTracker tracker;
    private readonly TrackedEndpoint endpoint;
    private Func<Pages<DescribeClientVpnEndpointsResponse>> answer = () => Listing();

    public DiscoveryTrackerTests()
    {
        var ec2 = Substitute.For<IAmazonEC2>();
        ec2.Paginators.DescribeClientVpnEndpoints(Arg.Any<DescribeClientVpnEndpointsRequest>()).Returns(_ =>
        {
            var paginator = Substitute.For<IDescribeClientVpnEndpointsPaginator>();
            paginator.Responses.Returns(this.answer());
            return paginator;
        });
        this.target = new AwsTarget(AwsAccounts.Default, "us-east-1", ec2) { AccountId = "123456789012" };
        var options = Options.Create(new ExporterOptions());
        this.tracker = new DiscoveryTracker(new EndpointDiscovery(options, new AwsApiMetrics(this.services.GetRequiredService<IMeterFactory>())), this.logger);
        this.endpoint = new TrackedEndpoint(
            AwsAccounts.Default,
            new EndpointDescription { EndpointId = EndpointA, Region = "us-east-1" },
            new EndpointLedger(TimeSpan.FromDays(1), ReadingDetail.None, new CountingStart()),
            new EndpointHealth(EndpointA, NullLogger<EndpointHealth>.Instance));
    }

    [Fact]
    public async Task CountMissed_ThreeSuccessfulDiscoveriesWithoutIt_IsGone()
    {
        for (var discovery = 1; discovery <= FleetPoller.DiscoveriesMissedBeforeRemoved; discovery++)
        {
            Assert.False(this.endpoint.Health.IsGone);
            await this.DiscoverAsync();
            Assert.Equal(discovery, this.endpoint.Health.MissedDiscoveries);
        }

        Assert.True(this.endpoint.Health.IsGone);
    }

    [Fact]
    public async Task CountMissed_FailedDiscovery_NeitherCountsNorResetsAndAnswersTheLastGoodListing()
    {
        this.answer = () => Listing(EndpointA);
        await this.DiscoverAsync();
        this.answer = () => Listing();
        await this.DiscoverAsync();
        await this.DiscoverAsync();

        this.answer = () => new Pages<DescribeClientVpnEndpointsResponse>([], new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" });
        var failed = await this.DiscoverAsync();
        var failedAgain = await this.DiscoverAsync();

        Assert.False(failed.Answered);
        Assert.Empty(failed.Found);
        Assert.Equal(2, this.endpoint.Health.MissedDiscoveries);
        Assert.Equal(["RequestLimitExceeded"], this.tracker.FailureCodes);
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("RequestLimitExceeded", StringComparison.Ordinal));
        Assert.False(failedAgain.IsFirstAnswer);
    }

    [Fact]
    public async Task CountMissed_ListedAgain_ResetsAndListedAsDeleted_CountsAsMissed()
    {
        await this.DiscoverAsync();
        await this.DiscoverAsync();
        this.answer = () => Listing(EndpointA);
        var listed = await this.DiscoverAsync();
        Assert.Equal(0, this.endpoint.Health.MissedDiscoveries);
        Assert.Equal([EndpointA], listed.Found.Select(e => e.EndpointId));

        this.answer = () => Listing(EndpointA, ClientVpnEndpointStatusCode.Deleted);
        await this.DiscoverAsync();
        Assert.Equal(1, this.endpoint.Health.MissedDiscoveries);
    }

    public void Dispose() => this.services.Dispose();

    private async Task<TargetDiscovery> DiscoverAsync()
    {
        var discovered = await this.tracker.DiscoverAsync(this.target, CancellationToken.None);
        DiscoveryTracker.CountMissed(discovered, [this.endpoint]);
        return discovered;
    }

    private static Pages<DescribeClientVpnEndpointsResponse> Listing(params string[] ids) => Listing(ids, ClientVpnEndpointStatusCode.Available);

    private static Pages<DescribeClientVpnEndpointsResponse> Listing(string id, ClientVpnEndpointStatusCode status) => Listing([id], status);

    private static Pages<DescribeClientVpnEndpointsResponse> Listing(string[] ids, ClientVpnEndpointStatusCode status) => new([new DescribeClientVpnEndpointsResponse
    {
        ClientVpnEndpoints = [.. ids.Select(id => new ClientVpnEndpoint { ClientVpnEndpointId = id, Status = new ClientVpnEndpointStatus { Code = status } })],
    }]);
}
