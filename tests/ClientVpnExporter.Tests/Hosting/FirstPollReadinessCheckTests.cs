using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NSubstitute;

namespace ClientVpnExporter.Tests.Hosting;

public class FirstPollReadinessCheckTests
{
    [Fact]
    public async Task Check_BeforeAndAfterTheFirstPoll_IsDegradedThenHealthy()
    {
        using var harness = new InMemoryMetrics();
        var ec2 = Substitute.For<IAmazonEC2>();
        var endpoints = Substitute.For<IDescribeClientVpnEndpointsPaginator>();
        endpoints.Responses.Returns(new Pages<DescribeClientVpnEndpointsResponse>([new DescribeClientVpnEndpointsResponse()]));
        ec2.Paginators.DescribeClientVpnEndpoints(Arg.Any<DescribeClientVpnEndpointsRequest>()).Returns(endpoints);
        var clients = Substitute.For<IAwsTargets>();
        clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "us-east-1", ec2) { AccountId = "123456789012" }]);
        using var poller = new PollerUnderTest(clients, harness.Metrics, new ExporterOptions(), TimeProvider.System);
        var check = new FirstPollReadinessCheck(poller.Poller);

        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
