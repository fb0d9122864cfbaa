using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Http;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// One whole <c>/metrics</c> answer in-process (<see cref="InProcessScrape"/>), plain or gzip, with the Prometheus
/// exporter's response cache off or at the shipped 300 ms. The fleet part's members were made at publish, as a scraped
/// exporter makes them, so this times what every scrape costs: gzip sends the member, plain inflates it.
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks : IDisposable
{
    private InProcessScrape? scrape;
    private int lastStatus;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [Params(false, true)]
    public bool Gzip { get; set; }

    [Params(0, 300)]
    public int ResponseCacheMilliseconds { get; set; }

    [GlobalSetup]
    public void Setup() => this.scrape = new InProcessScrape(this.Detail, this.ResponseCacheMilliseconds);

    [Benchmark(Description = "render /metrics in-process")]
    public async Task<long> Render()
    {
        var (status, bytes) = await this.scrape!.ScrapeAsync(this.Gzip);
        this.lastStatus = status;
        return bytes;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        if (this.lastStatus is not 0 and not StatusCodes.Status200OK)
        {
            Console.WriteLine($"// {this.Detail}: the Prometheus exporter answered HTTP {this.lastStatus}: that row times a failed rendering.");
        }

        this.scrape?.Dispose();
        this.scrape = null;
        GC.SuppressFinalize(this);
    }
}
