using System.Diagnostics.Metrics;
using System.Globalization;
using Amazon.EC2;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NSubstitute;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Tests.Aws;

[Collection(SerialTestGroup.Name)]
public class SelfMetricLimitsTests
{
    private const int Accounts = 50;
    private const int Regions = 17;

    [Fact]
    public void SelfMetrics_OrgScaleTargetsAndManyErrorCodes_NoOverflow()
    {
        var targets = Enumerable.Range(0, Accounts)
            .SelectMany(a => Enumerable.Range(0, Regions).Select(r => new AwsTarget(
                $"arn:aws:iam::{100000000000 + a}:role/exporter", "region-" + r.ToString(CultureInfo.InvariantCulture), Substitute.For<IAmazonEC2>())))
            .ToList();

        // The SDK's default limit overflows at this scale, so the limit is needed; with it, nothing overflows.
        Assert.True(Overflows(targets, view: null));
        Assert.False(Overflows(targets, AwsApiMetricLimits.For(targets.Count)));
    }

    private static bool Overflows(List<AwsTarget> targets, Func<Instrument, MetricStreamConfiguration?>? view)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var exported = new List<OpenTelemetry.Metrics.Metric>();
        var builder = Sdk.CreateMeterProviderBuilder().AddMeter(ExporterMeter.Aws)
            .AddInMemoryExporter(exported, reader => reader.TemporalityPreference = MetricReaderTemporalityPreference.Cumulative);
        using var provider = (view is null ? builder : builder.AddView(view)).Build();
        using var metrics = new AwsApiMetrics(services.GetRequiredService<IMeterFactory>());

        string[] operations = [Ec2Operations.DescribeClientVpnEndpoints, Ec2Operations.DescribeClientVpnConnections, "unknown", .. ServiceOperations.All];
        var outcomes = Enumerable.Range(0, AwsApiMetrics.MaxOutcomes + 10).Select(i => "Code" + i.ToString(CultureInfo.InvariantCulture)).Prepend(ApiOutcome.Success).ToList();
        foreach (var target in targets)
        {
            metrics.BudgetWait(target, TimeSpan.FromMilliseconds(1));
            foreach (var operation in operations)
            {
                metrics.Retry(target, operation);
                metrics.Throttle(target, operation);
                foreach (var outcome in outcomes)
                {
                    metrics.Request(target, operation, outcome);
                }
            }
        }

        provider.ForceFlush();
        var overflowed = false;
        foreach (var metric in exported)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    overflowed |= tag.Key == "otel.metric.overflow";
                }
            }
        }

        return overflowed;
    }
}
