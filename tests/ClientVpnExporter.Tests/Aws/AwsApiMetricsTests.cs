using System.Diagnostics.Metrics;
using System.Globalization;
using Amazon.EC2;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NSubstitute;

namespace ClientVpnExporter.Tests.Aws;

public sealed class AwsApiMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly AwsApiMetrics metrics;
    private readonly AwsTarget target = new("arn:aws:iam::111111111111:role/exporter", "us-east-1", Substitute.For<IAmazonEC2>());
    private readonly MetricCollector<long> requests;

    public AwsApiMetricsTests()
    {
        var meterFactory = this.services.GetRequiredService<IMeterFactory>();
        this.metrics = new AwsApiMetrics(meterFactory);
        this.requests = new MetricCollector<long>(meterFactory, ExporterMeter.Aws, "clientvpn_exporter_api_requests");
    }

    [Fact]
    public void Request_MoreDistinctOutcomesThanTheBound_CountsTheNewOnesAsOther()
    {
        var codes = Enumerable.Range(0, AwsApiMetrics.MaxOutcomes + 20).Select(i => "Code" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var code in codes)
        {
            this.metrics.Request(this.target, "DescribeClientVpnConnections", code);
        }

        // An outcome seen before the bound was reached keeps its own value.
        this.metrics.Request(this.target, "DescribeClientVpnConnections", codes[0]);

        var byOutcome = this.requests.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["outcome"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);
        Assert.Equal(AwsApiMetrics.MaxOutcomes + 1, byOutcome.Count);
        Assert.Equal(2, byOutcome[codes[0]]);
        Assert.Equal(20, byOutcome[AwsApiMetrics.OtherOutcome]);
        Assert.All(codes.Take(AwsApiMetrics.MaxOutcomes), code => Assert.True(byOutcome.ContainsKey(code), code));
    }

    public void Dispose()
    {
        this.requests.Dispose();
        this.metrics.Dispose();
        this.services.Dispose();
    }
}
