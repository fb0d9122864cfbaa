using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// One whole <c>/metrics</c> answer in-process, wired as the exporter's host wires it (the Prometheus exporter's
/// middleware for the self metrics, no response cache, then the fleet part joined by <see cref="MetricsEndpoint"/>),
/// plain or gzip, without HTTP. With gzip, the fleet part is compressed by the first scrape after a publish and
/// served from the rendering after that, so this times what every later scrape costs.
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks : IDisposable
{
    private ServiceProvider? services;
    private RequestDelegate? pipeline;
    private int lastStatus;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [Params(false, true)]
    public bool Gzip { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = Options.Create(DetailSettings.Options(this.Detail));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMetrics(metrics => metrics.EnableMetrics(ExporterMeter.Name, null, ExpositionServiceCollectionExtensions.OpenTelemetryListener, MeterScope.Local));
        collection.AddOpenTelemetry().WithMetrics(builder => builder.AddPrometheusExporter());
        collection.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
        collection.AddSingleton(options);
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<FleetPublisher>();
        collection.AddSingleton<BuildInfoMetrics>();
        this.services = collection.BuildServiceProvider();
        this.services.GetRequiredService<MeterProvider>();
        this.services.GetRequiredService<BuildInfoMetrics>();
        this.services.GetRequiredService<FleetPublisher>().Publish(FleetState.Build(FleetData.Instance, this.Detail).Snapshot);

        var exporter = new ApplicationBuilder(this.services);
        exporter.UseOpenTelemetryPrometheusScrapingEndpoint();
        var exporterPipeline = exporter.Build();
        this.pipeline = context => MetricsEndpoint.ComposeAsync(context, exporterPipeline);
    }

    [Benchmark(Description = "render /metrics in-process")]
    public async Task<long> Render()
    {
        var body = new CountingStream();
        var context = new DefaultHttpContext { RequestServices = this.services! };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/metrics";
        if (this.Gzip)
        {
            context.Request.Headers.AcceptEncoding = "gzip";
        }

        context.Response.Body = body;
        await this.pipeline!(context);
        this.lastStatus = context.Response.StatusCode;
        return body.Length;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        if (this.lastStatus is not 0 and not StatusCodes.Status200OK)
        {
            Console.WriteLine($"// {this.Detail}: the Prometheus exporter answered HTTP {this.lastStatus}: that row times a failed rendering.");
        }

        this.services?.Dispose();
        this.services = null;
        GC.SuppressFinalize(this);
    }

    /// <summary>A write-only stream that only counts what is written.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => this.length;

        public override long Position
        {
            get => this.length;
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => this.length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => this.length += buffer.Length;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            this.length += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            this.length += count;
            return Task.CompletedTask;
        }
    }
}
