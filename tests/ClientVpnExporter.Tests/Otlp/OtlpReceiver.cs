using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Proto.Collector.Metrics.V1;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// An OTLP metrics receiver for the tests, in place of an OpenTelemetry Collector: the real
/// <c>opentelemetry.proto.collector.metrics.v1.MetricsService/Export</c> over gRPC (HTTP/2 cleartext on loopback) and
/// <c>POST /v1/metrics</c> with <c>application/x-protobuf</c> over HTTP/1.1, each decoded with the messages generated
/// from opentelemetry-proto. It keeps every request it decoded, in arrival order.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app, int grpcPort, int httpPort, ConcurrentQueue<Received> requests)
    {
        this.app = app;
        this.GrpcPort = grpcPort;
        this.HttpPort = httpPort;
        this.Requests = requests;
    }

    public int GrpcPort { get; }

    public int HttpPort { get; }

    /// <summary>The gRPC endpoint, as OTEL_EXPORTER_OTLP_ENDPOINT gives it.</summary>
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{this.GrpcPort}");

    /// <summary>The HTTP base URL, as OTEL_EXPORTER_OTLP_ENDPOINT gives it: the exporter adds <c>/v1/metrics</c>.</summary>
    public Uri HttpEndpoint => new($"http://127.0.0.1:{this.HttpPort}");

    public ConcurrentQueue<Received> Requests { get; }

    /// <summary>Starts listening on the given ports, or on free ones.</summary>
    public static async Task<OtlpReceiver> StartAsync(int grpcPort = 0, int httpPort = 0)
    {
        grpcPort = grpcPort == 0 ? FreePort() : grpcPort;
        httpPort = httpPort == 0 ? FreePort() : httpPort;
        var requests = new ConcurrentQueue<Received>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(requests);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Cleartext HTTP/2 needs an HTTP/2-only endpoint (prior knowledge, no ALPN); OTLP/HTTP is HTTP/1.1.
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.MapGrpcService<MetricsServiceReceiver>();
        app.MapPost("/v1/metrics", async (HttpContext context) =>
        {
            if (context.Request.ContentType != "application/x-protobuf")
            {
                return Results.StatusCode(415);
            }

            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            requests.Enqueue(new Received("http/protobuf", ExportMetricsServiceRequest.Parser.ParseFrom(body.ToArray()), Headers(context.Request.Headers)));
            return Results.Bytes(new ExportMetricsServiceResponse().ToByteArray(), "application/x-protobuf");
        });
        await app.StartAsync();
        return new OtlpReceiver(app, grpcPort, httpPort, requests);
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived; fails after 30 s.</summary>
    public async Task WaitForAsync(int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (this.Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{this.Requests.Count} OTLP requests arrived within 30 s, not {count}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    private static Dictionary<string, string> Headers(IHeaderDictionary headers) =>
        headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>One decoded export request, with the protocol it came by and its request headers.</summary>
    internal sealed record Received(string Protocol, ExportMetricsServiceRequest Request, IReadOnlyDictionary<string, string> Headers);

    /// <summary>The gRPC service: decodes (Grpc.AspNetCore with the generated parser) and keeps each request.</summary>
    private sealed class MetricsServiceReceiver(ConcurrentQueue<Received> requests) : MetricsService.MetricsServiceBase
    {
        public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context)
        {
            requests.Enqueue(new Received("grpc", request, context.RequestHeaders.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal)));
            return Task.FromResult(new ExportMetricsServiceResponse());
        }
    }
}
