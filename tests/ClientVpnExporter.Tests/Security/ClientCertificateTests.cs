using System.Net;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Mutual TLS from the web configuration file: client_ca_file with client_auth_type, over real HTTPS.</summary>
public class ClientCertificateTests
{
    [Fact]
    public async Task RequireAndVerifyClientCert_AcceptsOnlyCertificatesIssuedByTheClientCa()
    {
        using var folder = new ScratchFolder();
        using var authority = TestCertificates.Authority("Prometheus clients");
        using var otherAuthority = TestCertificates.Authority("Someone else");
        using var trusted = TestCertificates.Client("prometheus", authority);
        using var untrusted = TestCertificates.Client("intruder", otherAuthority);
        var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, folder.PathOf("server.crt"), folder.PathOf("server.key"));
        TestCertificates.WritePem(authority, folder.PathOf("clients-ca.crt"));
        var webConfig = folder.Write("web-config.yml", """
            tls_server_config:
              cert_file: server.crt
              key_file: server.key
              client_ca_file: clients-ca.crt
              client_auth_type: RequireAndVerifyClientCert
            """);

        await using var exporter = await LockedDownExporter.StartAsync(webConfig, server);

        using var withTrusted = exporter.Client(trusted);
        await RunningExporter.WaitUntilReadyAsync(withTrusted);
        Assert.Equal(HttpStatusCode.OK, (await withTrusted.GetAsync("/metrics")).StatusCode);
        using var withUntrusted = exporter.Client(untrusted);
        await Assert.ThrowsAsync<HttpRequestException>(() => withUntrusted.GetAsync("/metrics"));
        using var withNone = exporter.Client();
        await Assert.ThrowsAsync<HttpRequestException>(() => withNone.GetAsync("/metrics"));
    }
}
