using System.Net;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling;

public sealed class FleetPollerTests : IDisposable
{
    private const string EndpointA = "cvpn-endpoint-0000000000000000a";
    private const string EndpointB = "cvpn-endpoint-0000000000000000b";

    private readonly IAmazonEC2 ec2 = Substitute.For<IAmazonEC2>();
    private readonly IAwsTargets clients = Substitute.For<IAwsTargets>();
    private readonly IEC2PaginatorFactory paginators = Substitute.For<IEC2PaginatorFactory>();
    private readonly InMemoryMetrics harness = new();
    private readonly FakeLogCollector logs = new();
    private readonly PollerUnderTest poller;
    private readonly Dictionary<string, Func<IPaginatedEnumerable<DescribeClientVpnConnectionsResponse>>> connectionPages = [];
    private Func<IPaginatedEnumerable<DescribeClientVpnEndpointsResponse>> endpointPages;

    public FleetPollerTests()
    {
        this.ec2.Paginators.Returns(this.paginators);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointA, EndpointB)]);
        this.paginators.DescribeClientVpnEndpoints(Arg.Any<DescribeClientVpnEndpointsRequest>()).Returns(_ =>
        {
            var paginator = Substitute.For<IDescribeClientVpnEndpointsPaginator>();
            paginator.Responses.Returns(this.endpointPages());
            return paginator;
        });
        this.paginators.DescribeClientVpnConnections(Arg.Any<DescribeClientVpnConnectionsRequest>()).Returns(call =>
        {
            var request = call.Arg<DescribeClientVpnConnectionsRequest>();
            var paginator = Substitute.For<IDescribeClientVpnConnectionsPaginator>();
            paginator.Responses.Returns(this.connectionPages[request.ClientVpnEndpointId]());
            return paginator;
        });

        var clients = this.clients;
        clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "us-east-1", this.ec2) { AccountId = "123456789012" }]);
        this.poller = this.NewPoller(new ExporterOptions { Regions = ["us-east-1"] });
    }

    [Fact]
    public async Task Poll_FailureOnALaterPage_KeepsTheLastCompleteReadingAndMarksTheEndpointDown()
    {
        await this.BaselineAsync();
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c2", "5"))]);
        await this.poller.PollAsync(CancellationToken.None);

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>(
            [ConnectionsPage(("c1", "900"))],
            new AmazonEC2Exception("Rate exceeded") { ErrorCode = "RequestLimitExceeded", StatusCode = HttpStatusCode.ServiceUnavailable });
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c2", "7"))]);
        await this.poller.PollAsync(CancellationToken.None);

        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        var b = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointB);
        Assert.False(a.Up);
        Assert.Equal(100UL, a.Reading!.Totals.Single().Totals.IngressBytes);
        Assert.True(b.Up);
        Assert.Equal(7UL, b.Reading!.Totals.Single().Totals.IngressBytes);
        var warning = Assert.Single(this.logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Warning);
        Assert.Contains("RequestLimitExceeded", warning.Message);
    }

    [Fact]
    public async Task Poll_EndpointRecovers_TotalsContinueWithoutDoubleCounting()
    {
        await this.BaselineAsync();
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        await this.poller.PollAsync(CancellationToken.None);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([], new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });
        await this.poller.PollAsync(CancellationToken.None);
        await this.poller.PollAsync(CancellationToken.None);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "150"), ("c3", "10"))]);
        await this.poller.PollAsync(CancellationToken.None);

        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.True(a.Up);
        Assert.Equal(160UL, a.Reading!.Totals.Single().Totals.IngressBytes);
        Assert.Single(this.logs.GetSnapshot(), r => r.Message.Contains("InternalError"));
        Assert.Single(this.logs.GetSnapshot(), r => r.Message.Contains("works again"));
    }

    [Fact]
    public async Task Poll_ReadAnswersEndpointNotFound_MarksItDownAndKeepsItsTotals()
    {
        await this.BaselineAsync();
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c2", "5"))]);
        await this.poller.PollAsync(CancellationToken.None);

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>(
            [], new AmazonEC2Exception("The ClientVpnEndpointId does not exist") { ErrorCode = "InvalidClientVpnEndpointId.NotFound" });
        for (var poll = 0; poll < 5; poll++)
        {
            await this.poller.PollAsync(CancellationToken.None);
        }

        // Discovery still lists it: one answer is no proof it is gone.
        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.False(a.Up);
        Assert.Equal(100UL, a.Reading!.Totals.Single().Totals.IngressBytes);

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "130"))]);
        await this.poller.PollAsync(CancellationToken.None);
        a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.True(a.Up);
        Assert.Equal(130UL, a.Reading!.Totals.Single().Totals.IngressBytes);
    }

    [Fact]
    public async Task Poll_EndpointNoLongerDiscovered_IsRemovedOnlyAfterThreeSuccessfulDiscoveriesWithoutIt()
    {
        await this.BaselineAsync();
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([], new AmazonEC2Exception("gone") { ErrorCode = "InvalidClientVpnEndpointId.NotFound" });
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        await this.poller.PollAsync(CancellationToken.None);
        await this.poller.PollAsync(CancellationToken.None);

        // A failed discovery neither counts nor resets.
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([], new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" });
        await this.poller.PollAsync(CancellationToken.None);
        Assert.Contains(this.harness.Metrics.Current.View.Endpoints, e => e.Endpoint.EndpointId == EndpointA && !e.Up);

        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Equal(3, FleetPoller.DiscoveriesMissedBeforeRemoved);
        Assert.Equal([EndpointB], this.harness.Metrics.Current.View.Endpoints.Select(e => e.Endpoint.EndpointId));
        Assert.Contains(this.logs.GetSnapshot(), r => r.Message.Contains(EndpointA) && r.Message.Contains("removed"));
    }

    [Fact]
    public async Task Poll_EndpointBackInDiscovery_ResetsItsAbsences()
    {
        await this.BaselineAsync();
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        await this.poller.PollAsync(CancellationToken.None);
        await this.poller.PollAsync(CancellationToken.None);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointA, EndpointB)]);
        await this.poller.PollAsync(CancellationToken.None);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        await this.poller.PollAsync(CancellationToken.None);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Contains(this.harness.Metrics.Current.View.Endpoints, e => e.Endpoint.EndpointId == EndpointA && e.Up);
    }

    [Fact]
    public async Task Poll_EndpointListedAsDeleted_CountsAsAbsent()
    {
        await this.BaselineAsync();
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB), EndpointsPage(ClientVpnEndpointStatusCode.Deleted, EndpointA)]);
        for (var poll = 0; poll < FleetPoller.DiscoveriesMissedBeforeRemoved; poll++)
        {
            Assert.Contains(this.harness.Metrics.Current.View.Endpoints, e => e.Endpoint.EndpointId == EndpointA);
            await this.poller.PollAsync(CancellationToken.None);
        }

        Assert.Equal([EndpointB], this.harness.Metrics.Current.View.Endpoints.Select(e => e.Endpoint.EndpointId));
    }

    [Fact]
    public async Task Poll_FirstReadOfAnEndpointOfTheFirstDiscovery_IsABaseline()
    {
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"), ("c2", "40"))]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c3", "7"))]);
        await this.poller.PollAsync(CancellationToken.None);
        Assert.All(this.harness.Metrics.Current.View.Endpoints, e => Assert.Equal(0UL, e.Reading!.Totals.Single().Totals.IngressBytes));

        // c4 began after the baseline read (the API's 00:10:00), so it counts whole.
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([
            ConnectionsPage(("c1", "130"), ("c2", "40")), Times(ConnectionsPage(("c4", "9")), established: "2026-01-01 00:10:00", timestamp: "2026-01-01 00:11:00")]);
        await this.poller.PollAsync(CancellationToken.None);

        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.Equal(39UL, a.Reading!.Totals.Single().Totals.IngressBytes);
    }

    [Fact]
    public async Task Poll_ConnectionWhoseIdWasGarbledInTheBaseline_CountsNothingFromBeforeTheStart()
    {
        var baseline = ConnectionsPage(("c1", "5000"), ("c2", "40"));
        baseline.Connections[0].ConnectionId = "cvpn-connection-XYZ";
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([baseline]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        await this.poller.PollAsync(CancellationToken.None);

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "5100"), ("c2", "40"))]);
        await this.poller.PollAsync(CancellationToken.None);
        Assert.Equal(0UL, this.IngressOf(EndpointA));

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "5150"), ("c2", "40"))]);
        await this.poller.PollAsync(CancellationToken.None);
        Assert.Equal(50UL, this.IngressOf(EndpointA));
    }

    [Fact]
    public async Task Poll_EndpointRemovedAfterDiscoveryMissedItAndFoundAgain_CountsWholeOnlyConnectionsSinceTheStart()
    {
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        await this.poller.PollAsync(CancellationToken.None);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        for (var poll = 0; poll < FleetPoller.DiscoveriesMissedBeforeRemoved; poll++)
        {
            await this.poller.PollAsync(CancellationToken.None);
        }

        Assert.DoesNotContain(this.harness.Metrics.Current.View.Endpoints, e => e.Endpoint.EndpointId == EndpointA);

        // It still exists: c1 and c3 are from before the exporter started, c5 began since.
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointA, EndpointB)]);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([
            Times(ConnectionsPage(("c1", "130"), ("c3", "7000")), established: "2026-01-01 00:00:00", timestamp: "2026-01-01 00:30:00"),
            Times(ConnectionsPage(("c5", "9")), established: "2026-01-01 00:20:00", timestamp: "2026-01-01 00:30:00")]);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Equal(9UL, this.IngressOf(EndpointA));
    }

    [Fact]
    public async Task Poll_BaselineEndpointWhoseFirstReadFails_TakesItsBaselineFromItsFirstSuccess()
    {
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([], new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        await this.poller.PollAsync(CancellationToken.None);

        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        await this.poller.PollAsync(CancellationToken.None);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "120"))]);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Equal(20UL, this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA).Reading!.Totals.Single().Totals.IngressBytes);
    }

    [Fact]
    public async Task Poll_EndpointCreatedAfterTheFirstDiscovery_CountsWholeFromItsFirstRead()
    {
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointB)]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        await this.poller.PollAsync(CancellationToken.None);

        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointA, EndpointB)]);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Equal(100UL, this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA).Reading!.Totals.Single().Totals.IngressBytes);
    }

    [Fact]
    public async Task Poll_DiscoveryFails_KeepsReadingTheEndpointsFoundBefore()
    {
        await this.BaselineAsync();
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c2", "5"))]);
        await this.poller.PollAsync(CancellationToken.None);

        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([], new AmazonEC2Exception("denied") { ErrorCode = "UnauthorizedOperation" });
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "120"))]);
        await this.poller.PollAsync(CancellationToken.None);

        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.True(a.Up);
        Assert.Equal(120UL, a.Reading!.Totals.Single().Totals.IngressBytes);
        Assert.Contains(this.logs.GetSnapshot(), r => r.Message.Contains("UnauthorizedOperation"));
    }

    [Fact]
    public async Task Poll_WithStateFile_ANewPollerContinuesTheTotalsAndKeepsTheCountingStart()
    {
        using var folder = new ScratchFolder();
        var options = new ExporterOptions { Regions = ["us-east-1"], StateFile = folder.PathOf("state.json") };
        using (var first = this.NewPoller(options))
        {
            this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);
            this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
            await first.PollAsync(CancellationToken.None);
            this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "150"))]);
            await first.PollAsync(CancellationToken.None);
        }

        // The first process counted from the API's 00:10:00: c9, established before, counts nothing; c10, after, whole.
        using var second = this.NewPoller(options);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([
            Times(ConnectionsPage(("c1", "170"), ("c9", "5000")), established: "2026-01-01 00:00:00", timestamp: "2026-01-01 00:30:00"),
            Times(ConnectionsPage(("c10", "5")), established: "2026-01-01 00:20:00", timestamp: "2026-01-01 00:30:00")]);
        await second.PollAsync(CancellationToken.None);

        var a = this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == EndpointA);
        Assert.Equal(50UL + 20 + 5, a.Reading!.Totals.Single().Totals.IngressBytes);
    }

    [Fact]
    public async Task Poll_WithStateFile_EndpointOfATargetNoLongerConfiguredIsNotRestored()
    {
        using var folder = new ScratchFolder();
        var options = new ExporterOptions { Regions = ["us-east-1"], StateFile = folder.PathOf("state.json") };
        await this.BaselineAsync();
        using (var first = this.NewPoller(options))
        {
            await first.PollAsync(CancellationToken.None);
        }

        this.clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "eu-west-1", this.ec2) { AccountId = "123456789012" }]);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage()]);
        using var second = this.NewPoller(options);
        await second.PollAsync(CancellationToken.None);

        Assert.Empty(this.harness.Metrics.Current.View.Endpoints);
    }

    [Fact]
    public async Task Poll_MalformedField_IsLoggedOnceAcrossPollsAndCountedEachTime()
    {
        this.connectionPages[EndpointB] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]);
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "12x"), ("c2", "bad"))]);

        await this.poller.PollAsync(CancellationToken.None);
        await this.poller.PollAsync(CancellationToken.None);

        Assert.Single(this.logs.GetSnapshot(), r => r.Message.Contains("ingressBytes"));
    }

    [Fact]
    public async Task Poll_EndpointFoundByTwoTargets_IsReadOnce()
    {
        // Two roles into one account find the same endpoints.
        this.clients.Targets.Returns([
            new AwsTarget("arn:aws:iam::123456789012:role/one", "us-east-1", this.ec2),
            new AwsTarget("arn:aws:iam::123456789012:role/two", "us-east-1", this.ec2)]);
        this.endpointPages = () => new Pages<DescribeClientVpnEndpointsResponse>([EndpointsPage(EndpointA)]);
        await this.BaselineAsync();
        this.paginators.ClearReceivedCalls();
        this.connectionPages[EndpointA] = () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage(("c1", "100"))]);

        await this.poller.PollAsync(CancellationToken.None);

        this.paginators.Received(1).DescribeClientVpnConnections(Arg.Any<DescribeClientVpnConnectionsRequest>());
        var a = Assert.Single(this.harness.Metrics.Current.View.Endpoints);
        Assert.True(a.Up);
        Assert.Equal(100UL, a.Reading!.Totals.Single().Totals.IngressBytes);
    }

    /// <summary>
    /// The first poll: every endpoint discovered lists no connections, so it is a baseline of nothing and the
    /// connections of later polls count whole.
    /// </summary>
    private async Task BaselineAsync()
    {
        foreach (var id in new[] { EndpointA, EndpointB })
        {
            this.connectionPages.TryAdd(id, () => new Pages<DescribeClientVpnConnectionsResponse>([ConnectionsPage()]));
        }

        await this.poller.PollAsync(CancellationToken.None);
    }

    private ulong IngressOf(string endpointId) =>
        this.harness.Metrics.Current.View.Endpoints.Single(e => e.Endpoint.EndpointId == endpointId).Reading!.Totals.Aggregate(0UL, (sum, t) => sum + t.Totals.IngressBytes);

    private static DescribeClientVpnConnectionsResponse Times(DescribeClientVpnConnectionsResponse page, string established, string timestamp)
    {
        foreach (var connection in page.Connections)
        {
            connection.ConnectionEstablishedTime = established;
            connection.Timestamp = timestamp;
        }

        return page;
    }

    private PollerUnderTest NewPoller(ExporterOptions options) =>
        new(this.clients, this.harness.Metrics, options, new FakeTimeProvider(SampleConnections.Start), new FakeLoggerProvider(this.logs));

    // An AWS-shaped id for a short name such as "c1".
    private static string ConnectionId(string name) => "cvpn-connection-" + Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(name)).PadLeft(17, '0');

    public void Dispose()
    {
        this.poller.Dispose();
        this.harness.Dispose();
        this.ec2.Dispose();
    }

    private static DescribeClientVpnEndpointsResponse EndpointsPage(params string[] ids) => EndpointsPage(ClientVpnEndpointStatusCode.Available, ids);

    private static DescribeClientVpnEndpointsResponse EndpointsPage(ClientVpnEndpointStatusCode status, params string[] ids) => new()
    {
        ClientVpnEndpoints = [.. ids.Select(id => new ClientVpnEndpoint
        {
            ClientVpnEndpointId = id,
            Status = new ClientVpnEndpointStatus { Code = status },
            Tags = [new Tag("Name", "vpn-" + id[^1])],
        })],
    };

    private static DescribeClientVpnConnectionsResponse ConnectionsPage(params (string Id, string IngressBytes)[] connections) => new()
    {
        Connections = [.. connections.Select(c => new ClientVpnConnection
        {
            ConnectionId = ConnectionId(c.Id),
            IngressBytes = c.IngressBytes,
            EgressBytes = "0",
            IngressPackets = "0",
            EgressPackets = "0",
            CommonName = "user-" + c.Id,
            ConnectionEstablishedTime = "2026-01-01 00:00:00",
            ConnectionEndTime = "-",
            Timestamp = "2026-01-01 00:10:00",
            Status = new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Active },
        })],
    };
}
