using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClientVpnExporter.Security;

/// <summary>
/// Reads the exporter-toolkit web configuration file into <see cref="WebConfig"/>: its YAML, the PEM files it names
/// (relative to the file's folder) and its bcrypt hashes. Nothing throws: every problem is collected, naming the
/// setting, so one start reports them all. Keys this exporter does not implement are problems too, since silently
/// ignoring a security setting (<c>cipher_suites</c>, <c>http_server_config</c>) would serve less than was asked for.
/// </summary>
internal sealed partial class WebConfigLoader(IConfiguration configuration) : IConfigureOptions<WebConfig>
{
    private const string TlsSection = "tls_server_config";
    private const string UsersSection = "basic_auth_users";
    private static readonly string[] TlsKeys = ["cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version"];

    public void Configure(WebConfig options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = configuration[SettingsSchema.WebConfigFlagKey] ?? configuration[SettingsSchema.WebConfigFileKey];
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(file))
        {
            LoadInto(options, file, problems);
        }

        var urls = configuration[WebHostDefaults.ServerUrlsKey] ?? "";
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && options.Tls is null && problems.Count == 0)
            {
                problems.Add($"urls '{url}' asks for HTTPS, which needs {TlsSection} with cert_file and key_file in the web configuration file ({SettingsSchema.WebConfigFileKey} or --{SettingsSchema.WebConfigFlagKey}); or give an http:// URL.");
            }
        }

        options.Problems = problems;
    }

    /// <summary>Reads <paramref name="file"/>; the result's <see cref="WebConfig.Problems"/> says what is wrong with it.</summary>
    public static WebConfig Load(string file)
    {
        var config = new WebConfig();
        var problems = new List<string>();
        LoadInto(config, file, problems);
        config.Problems = problems;
        return config;
    }

    private static void LoadInto(WebConfig config, string file, List<string> problems)
    {
        var path = Path.GetFullPath(file);
        config.ConfigFile = path;
        var where = $"{SettingsSchema.WebConfigFileKey} '{file}'";
        var text = ReadText(path, where, problems);
        if (text is null)
        {
            return;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            problems.Add($"{where} is not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.Message}");
            return;
        }

        if (stream.Documents.Count == 0 || IsEmpty(stream.Documents[0].RootNode))
        {
            // An empty file is valid for the toolkit too: plain HTTP, no authentication.
            return;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add($"{where} must be a YAML mapping with {TlsSection} and/or {UsersSection} (line {stream.Documents[0].RootNode.Start.Line}).");
            return;
        }

        var folder = Path.GetDirectoryName(path)!;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = ((keyNode as YamlScalarNode)?.Value) ?? keyNode.ToString();
            switch (key)
            {
                case TlsSection:
                    config.Tls = LoadTls(value, folder, $"{where}: {TlsSection}", problems);
                    break;
                case UsersSection:
                    config.BasicAuthUsers = LoadUsers(value, $"{where}: {UsersSection}", problems);
                    break;
                default:
                    problems.Add($"{where}: '{key}' (line {keyNode.Start.Line}) is not supported; this exporter reads {TlsSection} and {UsersSection}.");
                    break;
            }
        }
    }

    private static TlsServerConfig? LoadTls(YamlNode node, string folder, string where, List<string> problems)
    {
        var settings = ReadScalars(node, where, problems);
        if (settings is null || settings.Count == 0)
        {
            return null;
        }

        var start = problems.Count;
        foreach (var key in settings.Keys.Where(k => !TlsKeys.Contains(k)))
        {
            problems.Add($"{where}.{key} is not supported; this exporter reads {string.Join(", ", TlsKeys)}.");
        }

        var clientAuth = ReadClientAuth(settings, where, problems);
        var protocols = ReadProtocols(settings, where, problems);
        var certFile = settings.GetValueOrDefault("cert_file", "");
        var keyFile = settings.GetValueOrDefault("key_file", "");
        var caFile = settings.GetValueOrDefault("client_ca_file", "");
        if (!CheckFileSettings(certFile, keyFile, caFile, clientAuth, where, problems))
        {
            return null;
        }

        var files = new TlsCertificateFiles(folder, certFile, keyFile, caFile.Length > 0 ? caFile : null);
        var stamp = files.Stamp();
        var certificates = LoadCertificates(files, where, problems);
        if (certificates is null || problems.Count > start)
        {
            certificates?.Leaf.Dispose();
            return null;
        }

        return new TlsServerConfig
        {
            Files = files,
            Certificates = certificates,
            FilesStamp = stamp,
            ClientAuth = clientAuth,
            Protocols = protocols,
        };
    }

    private static ClientAuthType ReadClientAuth(Dictionary<string, string> settings, string where, List<string> problems)
    {
        var clientAuth = ClientAuthType.NoClientCert;
        if (settings.TryGetValue("client_auth_type", out var authName) && authName.Length > 0 && !TryParseClientAuth(authName, out clientAuth))
        {
            problems.Add($"{where}.client_auth_type must be one of {string.Join(", ", Enum.GetNames<ClientAuthType>())} (got '{authName}').");
        }

        return clientAuth;
    }

    private static SslProtocols ReadProtocols(Dictionary<string, string> settings, string where, List<string> problems)
    {
        var protocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        if (settings.TryGetValue("min_version", out var minVersion) && minVersion.Length > 0)
        {
            switch (minVersion)
            {
                case "TLS12":
                    break;
                case "TLS13":
                    protocols = SslProtocols.Tls13;
                    break;
                default:
                    problems.Add($"{where}.min_version must be TLS12 or TLS13 (got '{minVersion}').");
                    break;
            }
        }

        return protocols;
    }

    /// <returns>Whether both the certificate and the key file are set, without which there is nothing to load.</returns>
    private static bool CheckFileSettings(string certFile, string keyFile, string caFile, ClientAuthType clientAuth, string where, List<string> problems)
    {
        var keyPairSet = certFile.Length > 0 && keyFile.Length > 0;
        if (!keyPairSet)
        {
            problems.Add($"{where} needs both cert_file and key_file (got cert_file '{certFile}', key_file '{keyFile}').");
        }

        if (caFile.Length > 0 && clientAuth == ClientAuthType.NoClientCert)
        {
            problems.Add($"{where}.client_ca_file is set but client_auth_type is {ClientAuthType.NoClientCert}: set client_auth_type to {ClientAuthType.RequireAndVerifyClientCert} or {ClientAuthType.VerifyClientCertIfGiven}.");
        }
        else if (caFile.Length == 0 && clientAuth is ClientAuthType.RequireAndVerifyClientCert or ClientAuthType.VerifyClientCertIfGiven)
        {
            problems.Add($"{where}.client_auth_type {clientAuth} needs client_ca_file: the CA certificates that client certificates must chain to.");
        }

        return keyPairSet;
    }

    /// <summary>
    /// Reads the certificate, key and client CA files, at startup and again when <see cref="TlsCertificateReloader"/>
    /// sees them change; null, after adding what is wrong to <paramref name="problems"/>, when they do not load.
    /// </summary>
    internal static TlsCertificates? LoadCertificates(TlsCertificateFiles files, string where, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(problems);
        var start = problems.Count;
        var certificate = LoadCertificate(files, where, problems);
        var authorities = files.ClientCaFile is { } caFile ? LoadAuthorities(caFile, files.Folder, $"{where}.client_ca_file", problems) : [];
        if (certificate is null || problems.Count > start)
        {
            certificate?.Leaf.Dispose();
            return null;
        }

        try
        {
            return new TlsCertificates(certificate.Value.Leaf, certificate.Value.Intermediates, authorities);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{where}.cert_file '{files.CertFile}' cannot be served with its intermediates: {ex.Message}");
            certificate.Value.Leaf.Dispose();
            return null;
        }
    }

    private static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates)? LoadCertificate(
        TlsCertificateFiles files, string where, List<string> problems)
    {
        var (certFile, keyFile) = (files.CertFile, files.KeyFile);
        var certPem = ReadText(files.PathOf(certFile), $"{where}.cert_file '{certFile}'", problems);
        var keyPem = ReadText(files.PathOf(keyFile), $"{where}.key_file '{keyFile}'", problems);
        if (certPem is null || keyPem is null)
        {
            return null;
        }

        var all = new X509Certificate2Collection();
        try
        {
            all.ImportFromPem(certPem);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{where}.cert_file '{certFile}' holds a PEM certificate that cannot be read: {ex.Message}");
            return null;
        }

        if (all.Count == 0)
        {
            problems.Add($"{where}.cert_file '{certFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
            return null;
        }

        try
        {
            // CreateFromPem pairs the key with the file's first certificate, which must therefore be the server's own.
            var leaf = X509Certificate2.CreateFromPem(certPem, keyPem);
            all[0].Dispose();
            all.RemoveAt(0);
            return (leaf, all);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            problems.Add($"{where}.key_file '{keyFile}' must hold the unencrypted PEM private key of the first certificate in cert_file: {ex.Message}");
            foreach (var certificate in all)
            {
                certificate.Dispose();
            }

            return null;
        }
    }

    private static X509Certificate2Collection LoadAuthorities(string file, string folder, string where, List<string> problems)
    {
        var authorities = new X509Certificate2Collection();
        var pem = ReadText(Path.Combine(folder, file), $"{where} '{file}'", problems);
        if (pem is null)
        {
            return authorities;
        }

        try
        {
            authorities.ImportFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            problems.Add($"{where} '{file}' holds a PEM certificate that cannot be read: {ex.Message}");
        }

        if (authorities.Count == 0)
        {
            problems.Add($"{where} '{file}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
        }

        return authorities;
    }

    private static Dictionary<string, string> LoadUsers(YamlNode node, string where, List<string> problems)
    {
        var users = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (user, hash) in ReadScalars(node, where, problems) ?? [])
        {
            if (user.Length == 0 || user.Contains(':', StringComparison.Ordinal))
            {
                problems.Add($"{where}: user name '{user}' must be non-empty and without ':' (HTTP basic authentication splits at the first ':').");
            }
            else if (!BcryptHash().IsMatch(hash))
            {
                // Never echo the value: it may be a plain-text password put there by mistake.
                problems.Add($"{where}.{user} must be a bcrypt hash ($2y$10$ and 53 more characters, as htpasswd -nBC 10 makes); the value given is not one.");
            }
            else
            {
                users[user] = hash;
            }
        }

        return users;
    }

    /// <summary>A mapping of scalars as a dictionary; null (after saying why) for any other shape.</summary>
    private static Dictionary<string, string>? ReadScalars(YamlNode node, string where, List<string> problems)
    {
        if (IsEmpty(node))
        {
            return [];
        }

        if (node is not YamlMappingNode mapping)
        {
            problems.Add($"{where} must be a mapping of names to values (line {node.Start.Line}).");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } || value is not YamlScalarNode scalar)
            {
                problems.Add($"{where}: line {key.Start.Line} must be 'name: value' with a single value.");
                continue;
            }

            values[name] = scalar.Value ?? "";
        }

        return values;
    }

    private static string? ReadText(string path, string where, List<string> problems)
    {
        var text = BoundedFile.ReadText(path, out var problem);
        if (problem is not null)
        {
            problems.Add($"{where} {problem}.");
        }

        return text;
    }

    private static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" } scalar && scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

    private static bool TryParseClientAuth(string name, out ClientAuthType clientAuth)
    {
        // The toolkit still accepts the old name RequireClientCert for RequireAnyClientCert.
        if (name == "RequireClientCert")
        {
            clientAuth = ClientAuthType.RequireAnyClientCert;
            return true;
        }

        // Enum.TryParse also takes numbers, which are no names of the toolkit's.
        if (!char.IsDigit(name[0]) && Enum.TryParse(name, ignoreCase: false, out clientAuth))
        {
            return true;
        }

        clientAuth = ClientAuthType.NoClientCert;
        return false;
    }

    [GeneratedRegex(@"^\$2[abxy]\$(0[4-9]|[12][0-9]|3[01])\$[./A-Za-z0-9]{53}$")]
    private static partial Regex BcryptHash();
}
