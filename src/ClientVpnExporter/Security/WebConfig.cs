namespace ClientVpnExporter.Security;

/// <summary>
/// The Prometheus exporter-toolkit web configuration file, named by <c>--web.config.file</c> or <c>Web:ConfigFile</c>:
/// TLS for every listen address and HTTP basic authentication for every path but the health probes. Without a
/// file the exporter serves plain HTTP without authentication. <see cref="WebConfigLoader"/> reads the file once
/// at startup; <see cref="Problems"/> stops the exporter (see <see cref="WebConfigValidator"/>).
/// </summary>
internal sealed class WebConfig
{
    /// <summary>The full path of the file read, or null when none is configured.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The server certificate and client certificate policy, or null to serve plain HTTP.</summary>
    public TlsServerConfig? Tls { get; set; }

    /// <summary>User name to bcrypt hash. Empty: no authentication.</summary>
    public IReadOnlyDictionary<string, string> BasicAuthUsers { get; set; } = new Dictionary<string, string>();

    /// <summary>What is wrong with the file, each naming the setting; empty when it loaded.</summary>
    public IReadOnlyList<string> Problems { get; set; } = [];
}
