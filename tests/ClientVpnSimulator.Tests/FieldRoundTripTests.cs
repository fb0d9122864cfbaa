using System.Net;
using System.Xml.Linq;
using Amazon.EC2;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

public sealed class FieldRoundTripTests
{
    private static readonly XNamespace Ec2 = "http://ec2.amazonaws.com/doc/2016-11-15/";

    [Fact]
    public async Task DescribeClientVpnConnections_EveryEmittedElement_ReachesTheSdkObject()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var paths = new HashSet<string>();
        foreach (var endpoint in await sim.EndpointsAsync())
        {
            var (status, xml) = await sim.PostQueryAsync(
                ("Action", "DescribeClientVpnConnections"), ("Version", "2016-11-15"), ("ClientVpnEndpointId", endpoint.ClientVpnEndpointId));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(Ec2 + "DescribeClientVpnConnectionsResponse", xml.Root!.Name);
            var items = xml.Root.Element(Ec2 + "connections")!.Elements(Ec2 + "item").ToList();
            var sdk = await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId);
            Assert.Equal(items.Count, sdk.Count);
            for (var i = 0; i < items.Count; i++)
            {
                paths.UnionWith(SdkRoundTrip.AssertCarried(items[i], sdk[i]));
            }
        }

        // Every element the model can produce was exercised: optional ones (username, IPv6, posture) included.
        string[] expected =
        [
            "/clientVpnEndpointId", "/timestamp", "/connectionId", "/username", "/connectionEstablishedTime",
            "/ingressBytes", "/egressBytes", "/ingressPackets", "/egressPackets", "/clientIp", "/clientIpv6Address",
            "/commonName", "/status", "/status/code", "/status/message", "/connectionEndTime", "/postureComplianceStatusSet",
        ];
        Assert.Equal(expected.Order(), paths.Order());
    }

    [Fact]
    public async Task DescribeClientVpnEndpoints_EveryEmittedElement_ReachesTheSdkObject()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var (status, xml) = await sim.PostQueryAsync(("Action", "DescribeClientVpnEndpoints"), ("Version", "2016-11-15"));
        Assert.Equal(HttpStatusCode.OK, status);
        var items = xml.Root!.Element(Ec2 + "clientVpnEndpoint")!.Elements(Ec2 + "item").ToList();
        var sdk = await sim.EndpointsAsync();
        Assert.Equal(3, items.Count);
        Assert.Equal(items.Count, sdk.Count);
        var paths = new HashSet<string>();
        for (var i = 0; i < items.Count; i++)
        {
            paths.UnionWith(SdkRoundTrip.AssertCarried(items[i], sdk[i]));
        }

        Assert.Contains("/authenticationOptions/item/mutualAuthentication/clientRootCertificateChain", paths);
        Assert.Contains("/authenticationOptions/item/activeDirectory/directoryId", paths);
        Assert.Contains("/authenticationOptions/item/federatedAuthentication/samlProviderArn", paths);
        Assert.Contains("/clientConnectOptions/lambdaFunctionArn", paths);
        Assert.Contains("/tagSet/item/key", paths);
        Assert.Contains("/connectionLogOptions/CloudwatchLogGroup", paths);
    }

    [Fact]
    public async Task DescribeClientVpnConnections_Values_FollowTheRealApiFormats()
    {
        await using var sim = await SimulatorHarness.StartAsync();
        var endpoints = await sim.EndpointsAsync();
        var seen = new HashSet<string>();
        foreach (var endpoint in endpoints)
        {
            var authentication = endpoint.AuthenticationOptions.Single().Type.Value;
            var dualStack = endpoint.TrafficIpAddressType == "dual-stack";
            foreach (var c in await sim.ConnectionsAsync(endpoint.ClientVpnEndpointId))
            {
                Assert.Matches("^cvpn-connection-[0-9a-f]{17}$", c.ConnectionId);
                Assert.Equal("2026-03-01 12:00:00", c.Timestamp);
                Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", c.ConnectionEstablishedTime);
                Assert.True(string.CompareOrdinal(c.ConnectionEstablishedTime, c.Timestamp) <= 0);
                foreach (var counter in new[] { c.IngressBytes, c.EgressBytes, c.IngressPackets, c.EgressPackets })
                {
                    Assert.Matches("^[0-9]+$", counter);
                }

                Assert.True(IPAddress.Parse(c.ClientIp).AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
                Assert.Equal(dualStack, c.ClientIpv6Address is not null);
                if (dualStack)
                {
                    Assert.StartsWith("2001:db8:", c.ClientIpv6Address);
                }

                switch (authentication)
                {
                    case "certificate-authentication":
                        Assert.Null(c.Username);
                        Assert.EndsWith(".vpn.example.com", c.CommonName);
                        break;
                    case "directory-service-authentication":
                        Assert.Equal(c.Username, c.CommonName);
                        break;
                    default:
                        Assert.EndsWith("@example.com", c.Username);
                        break;
                }

                var terminated = c.Status.Code == ClientVpnConnectionStatusCode.Terminated;
                Assert.Equal(terminated, c.ConnectionEndTime != "-");
                if (!endpoint.ClientConnectOptions.Enabled!.Value)
                {
                    Assert.True(c.PostureComplianceStatuses is null or { Count: 0 });
                }

                seen.Add(c.Status.Code.Value);
            }
        }

        Assert.Contains("active", seen);
        Assert.Contains("terminated", seen);
    }
}
