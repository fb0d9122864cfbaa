using System.Diagnostics.Metrics;
using System.Globalization;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ClientVpnExporter.Tests.Diagnostics;

public sealed class ExporterSelfMetricsTests : IDisposable
{
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ExporterSelfMetrics metrics;
    private readonly MetricCollector<long> requests;

    public ExporterSelfMetricsTests()
    {
        var meterFactory = this.services.GetRequiredService<IMeterFactory>();
        this.metrics = new ExporterSelfMetrics(meterFactory);
        this.requests = new MetricCollector<long>(meterFactory, ExporterMeter.Name, "clientvpn_exporter_api_requests");
    }

    [Fact]
    public void ApiRequest_MoreDistinctOutcomesThanTheBound_CountsTheNewOnesAsOther()
    {
        var codes = Enumerable.Range(0, ExporterSelfMetrics.MaxOutcomes + 20).Select(i => "Code" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var code in codes)
        {
            this.metrics.ApiRequest("DescribeClientVpnConnections", "us-east-1", "111111111111", code);
        }

        // An outcome seen before the bound was reached keeps its own value.
        this.metrics.ApiRequest("DescribeClientVpnConnections", "us-east-1", "111111111111", codes[0]);

        var byOutcome = this.requests.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags["outcome"]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);
        Assert.Equal(ExporterSelfMetrics.MaxOutcomes + 1, byOutcome.Count);
        Assert.Equal(2, byOutcome[codes[0]]);
        Assert.Equal(20, byOutcome[ExporterSelfMetrics.OtherOutcome]);
        Assert.All(codes.Take(ExporterSelfMetrics.MaxOutcomes), code => Assert.True(byOutcome.ContainsKey(code), code));
    }

    public void Dispose()
    {
        this.requests.Dispose();
        this.metrics.Dispose();
        this.services.Dispose();
    }
}
