using System.Diagnostics.Metrics;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Security;

/// <summary>The HTTP front door: refused credentials, certificate reloads that failed, and when the served certificate expires.</summary>
internal sealed class WebSecurityMetrics : IDisposable
{
    private readonly Meter meter;
    private readonly Counter<long> authFailures;
    private readonly Counter<long> tlsReloadFailures;

    public WebSecurityMetrics(IMeterFactory meterFactory)
    {
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Security);
        this.authFailures = this.meter.CreateCounter<long>(
            "clientvpn_exporter_http_auth_failures",
            unit: "{request}",
            description: "Requests refused by basic authentication, by reason: missing, malformed, wrong (unknown user or wrong password) or throttled (429: too many bcrypt checks already running).");
        this.tlsReloadFailures = this.meter.CreateCounter<long>(
            "clientvpn_exporter_tls_reload_failures",
            unit: "{reload}",
            description: "Changed TLS certificate, key or client CA files that could not be loaded; the last good ones are still served.");
    }

    public void HttpAuthFailure(string reason) => this.authFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void TlsReloadFailure() => this.tlsReloadFailures.Add(1);

    /// <summary>Publishes <c>clientvpn_exporter_tls_certificate_expiry_timestamp_seconds</c> from the certificate being served.</summary>
    public void ObserveServingCertificate(Func<DateTimeOffset> notAfter) =>
        this.meter.CreateObservableGauge(
            "clientvpn_exporter_tls_certificate_expiry_timestamp",
            () => notAfter().ToUnixTimeSeconds(),
            unit: "s",
            description: "When the TLS certificate the exporter serves expires, as a Unix time. Follows certificate files rotated on disk.");

    public void Dispose() => this.meter.Dispose();
}
