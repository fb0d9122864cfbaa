using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Security;

/// <summary>
/// The certificates TLS handshakes are served with, following the files on disk as the exporter-toolkit does:
/// cert-manager and kubelet replace them without a restart. A handshake looks whether the files changed (a stat of
/// each, at most once per <see cref="CheckInterval"/>) and, if they did, reads them again. Files that do not load, a
/// pair half-written or a key that is not the certificate's, are logged once and counted in
/// <c>clientvpn_exporter_tls_reload_failures_total</c>, and the last good certificates stay in use until the files
/// change again. Publishes <c>clientvpn_exporter_tls_certificate_expiry_timestamp_seconds</c>.
/// </summary>
internal sealed partial class TlsCertificateReloader
{
    /// <summary>How long a look at the files holds: handshakes in between take the certificates as they are.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly TlsCertificateFiles files;
    private readonly TimeProvider time;
    private readonly WebSecurityMetrics metrics;
    private readonly ILogger<TlsCertificateReloader> logger;
    private readonly Lock gate = new();
    private readonly long checkTicks;
    private volatile TlsCertificates current;
    private string stamp;
    private long nextCheck;

    public TlsCertificateReloader(TlsServerConfig config, TimeProvider time, WebSecurityMetrics metrics, ILogger<TlsCertificateReloader> logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(metrics);
        this.files = config.Files;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        this.current = config.Certificates;
        this.stamp = config.FilesStamp;
        this.checkTicks = (long)(CheckInterval.TotalSeconds * time.TimestampFrequency);
        this.nextCheck = time.GetTimestamp() + this.checkTicks;
        metrics.ObserveServingCertificate(() => this.Current.Leaf.NotAfter);
        this.WarnIfExpired();
    }

    /// <summary>The certificates to serve now, read again first if the files changed since the last look.</summary>
    public TlsCertificates Current
    {
        get
        {
            if (this.time.GetTimestamp() >= Volatile.Read(ref this.nextCheck))
            {
                lock (this.gate)
                {
                    var now = this.time.GetTimestamp();
                    if (now >= this.nextCheck)
                    {
                        this.nextCheck = now + this.checkTicks;
                        this.ReloadIfChanged();
                    }
                }
            }

            return this.current;
        }
    }

    private void ReloadIfChanged()
    {
        var seen = this.files.Stamp();
        if (seen == this.stamp)
        {
            return;
        }

        // Remembered whether the files load or not: a bad pair is reported once, and read again only once it changes.
        this.stamp = seen;
        var problems = new List<string>();
        var loaded = WebConfigLoader.LoadCertificates(this.files, $"{SettingsSchema.WebConfigFileKey}: tls_server_config", problems);
        if (loaded is null)
        {
            this.metrics.TlsReloadFailure();
            LogReloadFailed(this.logger, string.Join(" ", problems));
            return;
        }

        // The certificates replaced are left to the garbage collector, not disposed: a handshake may still hold them.
        this.current = loaded;
        var leaf = loaded.Leaf;
        var notAfter = leaf.NotAfter.ToUniversalTime();
        LogReloaded(this.logger, leaf.Subject, leaf.Thumbprint, notAfter);
        this.WarnIfExpired();
    }

    private void WarnIfExpired()
    {
        var leaf = this.current.Leaf;
        var notAfter = leaf.NotAfter.ToUniversalTime();
        if (notAfter <= this.time.GetUtcNow().UtcDateTime)
        {
            LogExpired(this.logger, leaf.Subject, this.files.CertFile, notAfter);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The TLS certificate files changed but could not be loaded; the previous certificate is still served until they change again. {Problems}")]
    private static partial void LogReloadFailed(ILogger logger, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the rotated TLS certificate {Subject} (thumbprint {Thumbprint}, expires {NotAfter:u}); new connections are served with it.")]
    private static partial void LogReloaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The TLS certificate {Subject} from cert_file '{CertFile}' expired at {NotAfter:u}; clients that verify it will refuse to connect.")]
    private static partial void LogExpired(ILogger logger, string subject, string certFile, DateTime notAfter);
}
