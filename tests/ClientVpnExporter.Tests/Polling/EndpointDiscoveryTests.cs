using System.Diagnostics.Metrics;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling;

public sealed class EndpointDiscoveryTests
{
    [Fact]
    public async Task Tag_filters_need_every_key_with_one_of_its_values_or_any_value_when_none_are_listed()
    {
        var found = await Discover(
            new ExporterOptions { EndpointTags = new() { ["team"] = ["net", "sec"], ["env"] = [] } },
            Endpoint("cvpn-endpoint-0000000000000000a", ("team", "net"), ("env", "prod")),
            Endpoint("cvpn-endpoint-0000000000000000b", ("team", "ops"), ("env", "prod")),
            Endpoint("cvpn-endpoint-0000000000000000c", ("team", "sec")),
            Endpoint("cvpn-endpoint-0000000000000000d", ("team", "sec"), ("env", "")));

        Assert.Equal(["cvpn-endpoint-0000000000000000a", "cvpn-endpoint-0000000000000000d"], found.Select(e => e.EndpointId));
    }

    [Fact]
    public async Task Listed_ids_narrow_discovery_and_endpoints_without_an_id_are_skipped()
    {
        var found = await Discover(
            new ExporterOptions { EndpointIds = ["cvpn-endpoint-0000000000000000b"] },
            Endpoint("cvpn-endpoint-0000000000000000a"),
            Endpoint("cvpn-endpoint-0000000000000000b", ("Name", "vpn-b")),
            Endpoint(""));

        var endpoint = Assert.Single(found);
        Assert.Equal("cvpn-endpoint-0000000000000000b", endpoint.EndpointId);
        Assert.Equal("vpn-b", endpoint.Name);
    }

    private static async Task<IReadOnlyList<ClientVpnExporter.Aws.EndpointDescription>> Discover(ExporterOptions options, params ClientVpnEndpoint[] endpoints)
    {
        var ec2 = Substitute.For<IAmazonEC2>();
        var paginator = Substitute.For<IDescribeClientVpnEndpointsPaginator>();
        paginator.Responses.Returns(new Pages<DescribeClientVpnEndpointsResponse>([new DescribeClientVpnEndpointsResponse { ClientVpnEndpoints = [.. endpoints] }]));
        ec2.Paginators.DescribeClientVpnEndpoints(Arg.Any<DescribeClientVpnEndpointsRequest>()).Returns(paginator);
        var meterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        var discovery = new EndpointDiscovery(Options.Create(options), new AwsApiMetrics(meterFactory));
        return await discovery.DiscoverAsync(new AwsTarget(AwsAccounts.Default, "us-east-1", ec2) { AccountId = "123456789012" }, CancellationToken.None);
    }

    private static ClientVpnEndpoint Endpoint(string id, params (string Key, string Value)[] tags) => new()
    {
        ClientVpnEndpointId = id,
        Tags = [.. tags.Select(t => new Tag(t.Key, t.Value))],
    };
}
