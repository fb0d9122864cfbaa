using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Tests.Support;
using CsCheck;
using NSubstitute;

namespace ClientVpnExporter.Tests.Polling;

/// <summary>Whatever strings AWS returns in any field, a poll completes and totals never decrease.</summary>
public class RandomFieldPropertyTests
{
    private static readonly Gen<string?> AnyField = Gen.OneOf(
        Gen.Const((string?)null),
        Gen.Const((string?)""),
        Gen.Const((string?)"-"),
        Gen.String.Select(s => (string?)s),
        Gen.ULong.Select(u => (string?)u.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Long.Select(l => (string?)l.ToString(System.Globalization.CultureInfo.InvariantCulture) + " "),
        Gen.DateTime.Select(d => (string?)d.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));

    private static readonly Gen<ClientVpnConnection> AnyConnection =
        Gen.Select(AnyField.Array[13], Gen.Int[0, 6], Gen.Int[0, 3], (f, id, status) => new ClientVpnConnection
        {
            // A small id space, so random connections repeat across polls like real ones.
            ConnectionId = id == 0 ? f[0] : $"cvpn-connection-{id}",
            IngressBytes = f[1],
            EgressBytes = f[2],
            IngressPackets = f[3],
            EgressPackets = f[4],
            ConnectionEstablishedTime = f[5],
            ConnectionEndTime = f[6],
            Username = f[7],
            CommonName = f[8],
            ClientIp = f[9],
            ClientIpv6Address = f[10],
            Timestamp = f[11],
            PostureComplianceStatuses = f[12] is null ? null : [f[12]!, "compliant"],
            Status = status switch
            {
                0 => null,
                1 => new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Active },
                2 => new ClientVpnConnectionStatus { Code = new ClientVpnConnectionStatusCode(f[0] ?? "") },
                _ => new ClientVpnConnectionStatus { Code = ClientVpnConnectionStatusCode.Terminated },
            },
        });

    [Fact]
    public void Poll_RandomStringsInEveryField_NeverThrowsAndTotalsNeverDecrease()
    {
        Gen.Select(AnyConnection.Array[0, 12], AnyConnection.Array[0, 12], AnyConnection.Array[0, 12]).Sample(
            polls =>
            {
                using var harness = new InMemoryMetrics(new ExporterOptions { PerUserMetrics = true, PerConnectionMetrics = true });
                var pages = new Queue<ClientVpnConnection[]>([polls.Item1, polls.Item2, polls.Item3]);
                using var poller = PollerReturning(harness, pages);
                var previous = new Dictionary<string, double>();
                while (pages.Count > 0)
                {
                    poller.PollAsync(CancellationToken.None).GetAwaiter().GetResult();
                    foreach (var point in harness.Collect().Where(p => p.Name is "clientvpn_ingress" or "clientvpn_egress" or "clientvpn_ingress_packets" or "clientvpn_egress_packets"))
                    {
                        var key = point.Name + point.Tags.GetValueOrDefault("posture");
                        if (point.Value < previous.GetValueOrDefault(key))
                        {
                            return false;
                        }

                        previous[key] = point.Value;
                    }
                }

                return harness.Metrics.Current.View.Endpoints.Single().Up;
            },
            iter: 100,
            threads: 1); // Meters are process-wide: samples running at once would read each other's series.
    }

    private static PollerUnderTest PollerReturning(InMemoryMetrics harness, Queue<ClientVpnConnection[]> polls)
    {
        var ec2 = Substitute.For<IAmazonEC2>();
        var endpoints = Substitute.For<IDescribeClientVpnEndpointsPaginator>();
        endpoints.Responses.Returns(_ => new Pages<DescribeClientVpnEndpointsResponse>(
            [new DescribeClientVpnEndpointsResponse { ClientVpnEndpoints = [new ClientVpnEndpoint { ClientVpnEndpointId = "cvpn-endpoint-0000000000000000a" }] }]));
        ec2.Paginators.DescribeClientVpnEndpoints(Arg.Any<DescribeClientVpnEndpointsRequest>()).Returns(endpoints);
        ec2.Paginators.DescribeClientVpnConnections(Arg.Any<DescribeClientVpnConnectionsRequest>()).Returns(_ =>
        {
            var paginator = Substitute.For<IDescribeClientVpnConnectionsPaginator>();
            paginator.Responses.Returns(new Pages<DescribeClientVpnConnectionsResponse>([new DescribeClientVpnConnectionsResponse { Connections = [.. polls.Dequeue()] }]));
            return paginator;
        });
        ec2.DescribeClientVpnEndpointsAsync(Arg.Any<DescribeClientVpnEndpointsRequest>(), Arg.Any<CancellationToken>())
            .Returns<DescribeClientVpnEndpointsResponse>(_ => throw new AmazonEC2Exception("dry") { ErrorCode = "DryRunOperation" });
        ec2.DescribeClientVpnConnectionsAsync(Arg.Any<DescribeClientVpnConnectionsRequest>(), Arg.Any<CancellationToken>())
            .Returns<DescribeClientVpnConnectionsResponse>(_ => throw new AmazonEC2Exception("dry") { ErrorCode = "DryRunOperation" });

        var clients = Substitute.For<IAwsTargets>();
        clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "us-east-1", ec2) { AccountId = "123456789012" }]);
        return new PollerUnderTest(clients, harness.Metrics, new ExporterOptions { PerUserMetrics = true, PerConnectionMetrics = true }, TimeProvider.System);
    }
}
