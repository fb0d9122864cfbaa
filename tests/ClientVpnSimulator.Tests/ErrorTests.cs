using System.Net;
using System.Xml.Linq;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class ErrorTests
{
    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    [InlineData(0)]
    public async Task DescribeClientVpnConnections_MaxResultsOutOfRange_InvalidParameterValue(int maxResults)
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, MaxResults = maxResults }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public async Task DescribeClientVpnEndpoints_MaxResultsOutOfRange_InvalidParameterValue(int maxResults)
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { MaxResults = maxResults }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_DryRun_DryRunOperation412()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, DryRun = true }));

        Assert.Equal("DryRunOperation", error.ErrorCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, error.StatusCode);
        Assert.Equal("Request would have succeeded, but DryRun flag is set.", error.Message);
    }

    [Fact]
    public async Task DescribeClientVpnEndpoints_DryRun_DryRunOperation412()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { DryRun = true }));

        Assert.Equal("DryRunOperation", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_UnknownEndpoint_NotFound()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-00000000000000000" }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task DescribeClientVpnEndpoints_UnknownId_NotFound()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnEndpointsAsync(
            new DescribeClientVpnEndpointsRequest { ClientVpnEndpointIds = ["cvpn-endpoint-00000000000000000"] }));

        Assert.Equal("InvalidClientVpnEndpointId.NotFound", error.ErrorCode);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_GarbageNextToken_InvalidNextToken()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();

        foreach (var token in new[] { "garbage", "Zm9vfDEyMw", "!!!" })
        {
            var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
                new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, NextToken = token }));
            Assert.Equal("InvalidNextToken", error.ErrorCode);
        }
    }

    [Fact]
    public async Task DescribeClientVpnConnections_NextTokenOfAnotherListing_InvalidNextToken()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpoints = await sim.EndpointsAsync();
        var firstPage = await sim.Ec2.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest
        {
            ClientVpnEndpointId = endpoints[0].ClientVpnEndpointId,
            MaxResults = 5,
        });
        var endpointPage = await sim.Ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { MaxResults = 5 });
        Assert.NotNull(firstPage.NextToken);

        var otherEndpoint = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpoints[1].ClientVpnEndpointId, NextToken = firstPage.NextToken }));
        var tampered = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpoints[0].ClientVpnEndpointId, NextToken = "A" + firstPage.NextToken[1..] }));

        Assert.Equal("InvalidNextToken", otherEndpoint.ErrorCode);
        Assert.Equal("InvalidNextToken", tampered.ErrorCode);
        Assert.Null(endpointPage.NextToken);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_UnknownFilter_InvalidParameterValue()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpointId = await sim.FirstEndpointIdAsync();

        var error = await Assert.ThrowsAsync<AmazonEC2Exception>(() => sim.Ec2.DescribeClientVpnConnectionsAsync(
            new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpointId, Filters = [new Filter("Username", ["x"])] }));

        Assert.Equal("InvalidParameterValue", error.ErrorCode);
    }

    [Fact]
    public async Task Query_MissingEndpointId_MissingParameterInEc2ErrorShape()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.PostQueryAsync(("Action", "DescribeClientVpnConnections"), ("Version", "2016-11-15"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertErrorShape(body, "MissingParameter");
    }

    [Fact]
    public async Task Query_UnknownAction_InvalidActionInEc2ErrorShape()
    {
        await using var sim = await SimulatorHarness.StartAsync();

        var (status, body) = await sim.PostQueryAsync(("Action", "RunInstances"), ("Version", "2016-11-15"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertErrorShape(body, "InvalidAction");
    }

    private static void AssertErrorShape(XDocument body, string code)
    {
        var root = body.Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.Equal(XNamespace.None, root.Name.Namespace);
        Assert.Equal(["Errors", "RequestID"], root.Elements().Select(e => e.Name.LocalName));
        var error = root.Element("Errors")!.Elements("Error").Single();
        Assert.Equal(["Code", "Message"], error.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(code, error.Element("Code")!.Value);
        Assert.NotEmpty(error.Element("Message")!.Value);
        Assert.True(Guid.TryParse(root.Element("RequestID")!.Value, out _));
    }
}
