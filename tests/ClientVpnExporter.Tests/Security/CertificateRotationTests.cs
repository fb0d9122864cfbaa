using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Certificate files replaced on disk while the real exporter serves TLS, as cert-manager and kubelet do.</summary>
[Collection(SerialTestGroup.Name)]
public class CertificateRotationTests
{
    private const string WebConfig = """
        tls_server_config:
          cert_file: tls.crt
          key_file: tls.key
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Handshake_AfterTheFilesAreReplaced_ServesTheNewCertificateAndPublishesItsExpiry()
    {
        using var folder = new ScratchFolder();
        var first = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(first, folder.PathOf("tls.crt"), folder.PathOf("tls.key"));
        await using var exporter = await LockedDownExporter.StartAsync(folder.Write("web-config.yml", WebConfig), first);
        Assert.Equal(first.Thumbprint, await ServedThumbprintAsync(exporter.Address));
        Assert.Equal(ExpiryOf(first), await MetricAsync(exporter.Address, "clientvpn_exporter_tls_certificate_expiry_timestamp_seconds"));

        using var second = TestCertificates.SelfSignedServer(notAfter: DateTimeOffset.UtcNow.AddDays(90));
        ReplaceAtomically(folder, second);

        await EventuallyServedAsync(exporter.Address, second);

        // Eventually: with ScrapeCacheDuration set, the own metrics of a rendering are reused for that long (off by default).
        await EventuallyAsync(
            async () => await MetricAsync(exporter.Address, "clientvpn_exporter_tls_certificate_expiry_timestamp_seconds") == ExpiryOf(second),
            "the expiry metric did not follow the new certificate");
        Assert.Equal(0, await MetricAsync(exporter.Address, "clientvpn_exporter_tls_reload_failures_total"));
    }

    [Fact]
    public async Task Handshake_NewCertificateWrittenBeforeItsKey_KeepsServingTheLastGoodOneUntilThePairMatches()
    {
        using var folder = new ScratchFolder();
        var first = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(first, folder.PathOf("tls.crt"), folder.PathOf("tls.key"));
        var logs = new FakeLogCollector();
        await using var exporter = await LockedDownExporter.StartAsync(
            folder.Write("web-config.yml", WebConfig), first, builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));

        using var second = TestCertificates.SelfSignedServer(notAfter: DateTimeOffset.UtcNow.AddDays(90));
        TestCertificates.WritePem(second, folder.PathOf("tls.crt"));
        await EventuallyAsync(async () => await MetricAsync(exporter.Address, "clientvpn_exporter_tls_reload_failures_total") == 1, "the mismatched pair was not counted");

        Assert.Equal(first.Thumbprint, await ServedThumbprintAsync(exporter.Address));
        Assert.Equal(ExpiryOf(first), await MetricAsync(exporter.Address, "clientvpn_exporter_tls_certificate_expiry_timestamp_seconds"));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Category!.EndsWith("TlsCertificateReloader", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("key_file 'tls.key'", warning.Message, StringComparison.Ordinal);

        File.WriteAllText(folder.PathOf("tls.key"), second.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");

        await EventuallyServedAsync(exporter.Address, second);
        Assert.Equal(1, await MetricAsync(exporter.Address, "clientvpn_exporter_tls_reload_failures_total"));
    }

    [Fact]
    public async Task Handshake_SecretVolumeSwapsItsDataLink_ServesTheNewCertificate()
    {
        // A Kubernetes Secret volume: tls.crt -> ..data/tls.crt, ..data -> a timestamped folder; an update writes a
        // new folder and renames a new ..data link over the old one, so the files themselves never change.
        using var folder = new ScratchFolder();
        var first = TestCertificates.SelfSignedServer();
        WriteVersion(folder, "..v1", first);
        File.CreateSymbolicLink(folder.PathOf("..data"), "..v1");
        File.CreateSymbolicLink(folder.PathOf("tls.crt"), "..data/tls.crt");
        File.CreateSymbolicLink(folder.PathOf("tls.key"), "..data/tls.key");
        await using var exporter = await LockedDownExporter.StartAsync(folder.Write("web-config.yml", WebConfig), first);
        Assert.Equal(first.Thumbprint, await ServedThumbprintAsync(exporter.Address));

        using var second = TestCertificates.SelfSignedServer(notAfter: DateTimeOffset.UtcNow.AddDays(90));
        WriteVersion(folder, "..v2", second);
        File.CreateSymbolicLink(folder.PathOf("..data_tmp"), "..v2");
        await RenameOverAsync(folder.PathOf("..data_tmp"), folder.PathOf("..data"));

        await EventuallyServedAsync(exporter.Address, second);
    }

    [Fact]
    public async Task Handshake_AfterTheClientCaFileIsReplaced_AcceptsClientsOfTheNewCaOnly()
    {
        using var folder = new ScratchFolder();
        using var oldAuthority = TestCertificates.Authority("Prometheus clients 2025");
        using var newAuthority = TestCertificates.Authority("Prometheus clients 2026");
        using var oldClient = TestCertificates.Client("prometheus", oldAuthority);
        using var newClient = TestCertificates.Client("prometheus", newAuthority);
        var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, folder.PathOf("tls.crt"), folder.PathOf("tls.key"));
        TestCertificates.WritePem(oldAuthority, folder.PathOf("clients-ca.crt"));
        var webConfig = folder.Write("web-config.yml", WebConfig + """

              client_ca_file: clients-ca.crt
              client_auth_type: RequireAndVerifyClientCert
            """);
        await using var exporter = await LockedDownExporter.StartAsync(webConfig, server);
        Assert.True(await AcceptedAsync(exporter, oldClient));
        Assert.False(await AcceptedAsync(exporter, newClient));

        TestCertificates.WritePem(newAuthority, folder.PathOf("clients-ca.crt.new"));
        File.Move(folder.PathOf("clients-ca.crt.new"), folder.PathOf("clients-ca.crt"), overwrite: true);

        await EventuallyAsync(() => AcceptedAsync(exporter, newClient), "a client of the new CA was still refused");
        Assert.False(await AcceptedAsync(exporter, oldClient));
    }

    [Fact]
    public async Task Start_WithAnExpiredCertificate_WarnsOnceAndPublishesTheExpiry()
    {
        using var folder = new ScratchFolder();
        var expired = TestCertificates.SelfSignedServer(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        TestCertificates.WritePem(expired, folder.PathOf("tls.crt"), folder.PathOf("tls.key"));
        var logs = new FakeLogCollector();

        await using var exporter = await LockedDownExporter.StartAsync(
            folder.Write("web-config.yml", WebConfig), expired, builder => builder.Services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs)));

        Assert.Equal(ExpiryOf(expired), await MetricAsync(exporter.Address, "clientvpn_exporter_tls_certificate_expiry_timestamp_seconds"));
        var warning = Assert.Single(logs.GetSnapshot(), r => r.Message.Contains("expired", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("cert_file 'tls.crt'", warning.Message, StringComparison.Ordinal);
    }

    /// <summary>Whether a new connection presenting <paramref name="clientCertificate"/> is served.</summary>
    private static async Task<bool> AcceptedAsync(LockedDownExporter exporter, X509Certificate2 clientCertificate)
    {
        using var client = exporter.Client(clientCertificate);
        try
        {
            using var response = await client.GetAsync("/healthz");
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static long ExpiryOf(X509Certificate2 certificate) => new DateTimeOffset(certificate.NotAfter).ToUnixTimeSeconds();

    /// <summary>Writes the new pair beside the old and renames it over them, each file whole at once (as cert-manager's writers do).</summary>
    private static void ReplaceAtomically(ScratchFolder folder, X509Certificate2 certificate)
    {
        TestCertificates.WritePem(certificate, folder.PathOf("tls.crt.new"), folder.PathOf("tls.key.new"));
        File.Move(folder.PathOf("tls.key.new"), folder.PathOf("tls.key"), overwrite: true);
        File.Move(folder.PathOf("tls.crt.new"), folder.PathOf("tls.crt"), overwrite: true);
    }

    /// <summary>rename(2) of a link over another, as kubelet does (File.Move refuses a link to a folder).</summary>
    private static async Task RenameOverAsync(string source, string destination)
    {
        using var mv = System.Diagnostics.Process.Start("mv", ["-T", "-f", source, destination]);
        await mv.WaitForExitAsync();
        Assert.Equal(0, mv.ExitCode);
    }

    private static void WriteVersion(ScratchFolder folder, string version, X509Certificate2 certificate)
    {
        Directory.CreateDirectory(folder.PathOf(version));
        TestCertificates.WritePem(certificate, Path.Combine(folder.PathOf(version), "tls.crt"), Path.Combine(folder.PathOf(version), "tls.key"));
    }

    private static Task EventuallyServedAsync(Uri address, X509Certificate2 certificate) =>
        EventuallyAsync(async () => await ServedThumbprintAsync(address) == certificate.Thumbprint, $"{certificate.Thumbprint} was not served within {Patience}");

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(100);
        }
    }

    /// <summary>The thumbprint of the certificate a new TLS handshake is served with.</summary>
    private static async Task<string?> ServedThumbprintAsync(Uri address)
    {
        string? served = null;
        using var client = AnyCertificateClient(address, certificate => served = certificate.GetCertHashString());
        using var response = await client.GetAsync("/healthz");
        response.EnsureSuccessStatusCode();
        return served;
    }

    private static async Task<double> MetricAsync(Uri address, string name)
    {
        using var client = AnyCertificateClient(address, _ => { });
        var samples = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
        return samples.SingleOrDefault(s => s.Name == name)?.Value ?? 0;
    }

    /// <summary>A client on a connection of its own (so a handshake of its own) that takes any server certificate.</summary>
    private static HttpClient AnyCertificateClient(Uri address, Action<X509Certificate> seen) =>
        new(new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                // Every certificate here is the test's own; what matters is which one the server sent.
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    if (certificate is not null)
                    {
                        seen(certificate);
                    }

                    return certificate is not null;
                },
            },
        })
        { BaseAddress = address };
}
