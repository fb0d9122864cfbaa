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
/// <c>/metrics</c> in-process, wired as the exporter's host wires it (the Prometheus exporter's middleware for the self
/// metrics, then the fleet part joined by <see cref="MetricsEndpoint"/>), over the fleet of <see cref="FleetData"/>
/// published once, without HTTP: the answer goes to a stream that only counts it.
/// </summary>
internal sealed class InProcessScrape : IDisposable
{
    private readonly ServiceProvider services;
    private readonly RequestDelegate pipeline;

    /// <param name="detail">The metric set.</param>
    /// <param name="responseCacheMilliseconds">The Prometheus exporter's response cache (<c>ScrapeCacheDuration</c>).</param>
    public InProcessScrape(Detail detail, int responseCacheMilliseconds)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMetrics(metrics => metrics.EnableMetrics(ExporterMeter.Name, null, ExpositionServiceCollectionExtensions.OpenTelemetryListener, MeterScope.Local));
        collection.AddOpenTelemetry().WithMetrics(builder => builder.AddPrometheusExporter());
        collection.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = responseCacheMilliseconds);
        collection.AddSingleton(Options.Create(DetailSettings.Options(detail)));
        collection.AddSingleton(TimeProvider.System);
        collection.AddSingleton<FleetPublisher>();
        collection.AddSingleton<ExporterPartCompressor>();
        collection.AddSingleton<BuildInfoMetrics>();
        this.services = collection.BuildServiceProvider();
        this.services.GetRequiredService<MeterProvider>();
        this.services.GetRequiredService<BuildInfoMetrics>();
        this.Publisher = this.services.GetRequiredService<FleetPublisher>();

        // Both formats asked once, so each publish compresses them as it does in a scraped exporter.
        this.Publisher.Asked(ExpositionFormat.PrometheusText);
        this.Publisher.Asked(ExpositionFormat.OpenMetrics);
        this.Publisher.Publish(FleetState.Build(FleetData.Instance, detail).Snapshot);

        var exporter = new ApplicationBuilder(this.services);
        exporter.UseOpenTelemetryPrometheusScrapingEndpoint();
        var exporterPipeline = exporter.Build();
        this.pipeline = context => MetricsEndpoint.ComposeAsync(context, exporterPipeline);
    }

    public FleetPublisher Publisher { get; }

    /// <summary>One scrape in the text format; returns the status and the bytes of the answer.</summary>
    public async Task<(int Status, long Bytes)> ScrapeAsync(bool gzip)
    {
        var body = new CountingStream();
        var context = new DefaultHttpContext { RequestServices = this.services };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/metrics";
        if (gzip)
        {
            context.Request.Headers.AcceptEncoding = "gzip";
        }

        context.Response.Body = body;
        await this.pipeline(context);
        return (context.Response.StatusCode, body.Length);
    }

    public void Dispose() => this.services.Dispose();

    /// <summary>A write-only stream that only counts what is written.</summary>
    internal sealed class CountingStream : Stream
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
