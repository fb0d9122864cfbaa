using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// One whole <c>/metrics</c> rendering in-process, wired as the exporter's host wires it (the cardinality plan's view,
/// the response composer, the Prometheus exporter's middleware, no response cache): the callbacks, the SDK's
/// aggregation and serialization of the endpoint-level metrics, then the detail families written from the snapshot,
/// without HTTP.
/// </summary>
[MemoryDiagnoser]
public class ScrapeBenchmarks : IDisposable
{
    private ServiceProvider? services;
    private ClientVpnMetrics? metrics;
    private RequestDelegate? pipeline;
    private int lastStatus;
    private FleetView snapshot = FleetView.Empty;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var plan = new CardinalityPlan();
        var options = Options.Create(DetailSettings.Options(this.Detail));
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddMetrics();
        collection.AddOpenTelemetry().WithMetrics(builder => builder
            .AddMeter(ExporterMeter.Name)
            .AddView(plan.ConfigurationFor)
            .SetMaxMetricStreams(CardinalityPlan.MaxMetricStreams)
            .AddPrometheusExporter());
        collection.Configure<PrometheusAspNetCoreOptions>(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
        collection.AddSingleton(plan);
        collection.AddSingleton(options);
        collection.AddSingleton<ClientVpnMetrics>();
        collection.AddSingleton<DetailExposition>();
        this.services = collection.BuildServiceProvider();
        this.services.GetRequiredService<MeterProvider>();

        this.metrics = this.services.GetRequiredService<ClientVpnMetrics>();
        this.snapshot = FleetState.Build(FleetData.Instance, this.Detail).Snapshot;
        this.metrics.Publish(this.snapshot);

        var branch = new ApplicationBuilder(this.services);
        branch.Use(MetricsResponseComposer.InvokeAsync);
        branch.UseOpenTelemetryPrometheusScrapingEndpoint();
        this.pipeline = branch.Build();
    }

    [Benchmark(Description = "render /metrics in-process")]
    public async Task<long> Render()
    {
        var body = new CountingStream();
        var context = new DefaultHttpContext { RequestServices = this.services! };
        context.Request.Method = HttpMethods.Get;
        context.Request.Path = "/metrics";
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

        this.metrics?.Dispose();
        this.services?.Dispose();
        this.metrics = null;
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
