using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Amazon.Runtime;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Security;

/// <summary>
/// The real exporter, on a small paused simulator, started with a web configuration file: Kestrel serves TLS with
/// a certificate made for the test, and clients trust exactly that certificate (or plain HTTP when there is none).
/// </summary>
internal sealed class LockedDownExporter : IAsyncDisposable
{
    private readonly SimulatorServer simulator;
    private readonly WebApplication exporter;

    private LockedDownExporter(SimulatorServer simulator, WebApplication exporter, X509Certificate2? serverCertificate)
    {
        this.simulator = simulator;
        this.exporter = exporter;
        this.ServerCertificate = serverCertificate;
        this.Address = RunningExporter.Address(exporter);
    }

    /// <summary>Where Kestrel listens, as Kestrel reports it.</summary>
    public Uri Address { get; }

    public X509Certificate2? ServerCertificate { get; }

    public IServiceProvider Services => this.exporter.Services;

    /// <summary>
    /// Starts the exporter on an http:// loopback URL with <c>--web.config.file</c>; returns once it listens.
    /// <paramref name="configure"/> may add services (a log collector, say).
    /// </summary>
    public static async Task<LockedDownExporter> StartAsync(string webConfigFile, X509Certificate2? serverCertificate, Action<WebApplicationBuilder>? configure = null)
    {
        var simulator = await SimulatorServer.StartAsync(new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 8, Seed = 11, StartPaused = true });
        var exporter = ExporterHost.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--web.config.file={webConfigFile}",
                $"--ClientVpn:ServiceUrl={simulator.BaseAddress}",
                "--ClientVpn:Regions:0=eu-west-1",
                "--ClientVpn:PollInterval=00:30:00",
                "--Logging:LogLevel:Default=Warning",
            ],
            builder =>
            {
                builder.Services.AddSingleton<AWSCredentials>(new BasicAWSCredentials("AKIDTLS", "tls-secret"));
                configure?.Invoke(builder);
            });
        await exporter.StartAsync();
        return new LockedDownExporter(simulator, exporter, serverCertificate);
    }

    /// <summary>An HTTPS client that trusts only the exporter's certificate and presents <paramref name="clientCertificate"/>, if any.</summary>
    public HttpClient Client(X509Certificate2? clientCertificate = null)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetCertHashString() == this.ServerCertificate?.Thumbprint,
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate!,
            },
        };
        return new HttpClient(handler) { BaseAddress = this.Address };
    }

    public static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    public async ValueTask DisposeAsync()
    {
        await this.exporter.StopAsync();
        await this.exporter.DisposeAsync();
        await this.simulator.DisposeAsync();
        this.ServerCertificate?.Dispose();
    }
}
