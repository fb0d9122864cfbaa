using System.Text;
using ClientVpnExporter.Exposition;
using static ClientVpnExporter.Tests.Support.MetricsScrape;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>The Prometheus exporter's part of a gzip answer: compressed once while the exporter answers the same bytes.</summary>
public class ExporterPartCompressorTests
{
    [Fact]
    public void Compress_SameBytesAgain_ReusesTheMemberAndNewBytesGetTheirOwn()
    {
        var compressor = new ExporterPartCompressor();
        var first = Encoding.UTF8.GetBytes("# TYPE clientvpn_exporter_polls_total counter\nclientvpn_exporter_polls_total 1\n");
        var second = Encoding.UTF8.GetBytes("# TYPE clientvpn_exporter_polls_total counter\nclientvpn_exporter_polls_total 2\n");

        var member = compressor.Compress(ExpositionFormat.PrometheusText, first);
        var again = compressor.Compress(ExpositionFormat.PrometheusText, (byte[])first.Clone());
        var otherFormat = compressor.Compress(ExpositionFormat.OpenMetrics, first);
        var changed = compressor.Compress(ExpositionFormat.PrometheusText, second);

        Assert.Same(member, again);
        Assert.NotSame(member, otherFormat);
        Assert.Equal(first, Gunzip(member));
        Assert.Equal(first, Gunzip(otherFormat));
        Assert.Equal(second, Gunzip(changed));
    }
}
