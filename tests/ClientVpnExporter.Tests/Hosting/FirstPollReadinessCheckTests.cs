using System.Diagnostics.Metrics;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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
        var clients = Substitute.For<IEc2ClientSource>();
        clients.Targets.Returns([new AwsTarget(AwsAccounts.Default, "us-east-1", ec2)]);
        clients.AccountIdAsync(Arg.Any<AwsTarget>(), Arg.Any<CancellationToken>()).Returns("123456789012");
        var meterFactory = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
        using var poller = new FleetPoller(clients, harness.Metrics, new ExporterSelfMetrics(meterFactory), Options.Create(new ExporterOptions()), TimeProvider.System, NullLogger<FleetPoller>.Instance);
        var check = new FirstPollReadinessCheck(poller);

        Assert.Equal(HealthStatus.Degraded, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await poller.PollAsync(CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }
}
