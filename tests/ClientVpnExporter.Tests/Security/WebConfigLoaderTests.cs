using System.Security.Authentication;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Reading the exporter-toolkit web configuration file: what loads, and what stops the exporter with which message.</summary>
public sealed class WebConfigLoaderTests : IDisposable
{
    private const string AliceHash = "$2y$04$ZJHdVCcmbyUKcqFt5tjFVOIX3Ei6aiEJ0z9CeVMLY/zI1iLSuM2Py";

    private readonly ScratchFolder folder = new();

    public void Dispose() => this.folder.Dispose();

    [Fact]
    public void Load_FullConfigWithRelativePaths_ReadsFilesFromTheConfigFilesFolder()
    {
        using var server = TestCertificates.SelfSignedServer();
        using var authority = TestCertificates.Authority("clients");
        Directory.CreateDirectory(this.folder.PathOf("tls"));
        TestCertificates.WritePem(server, this.folder.PathOf("tls/server.crt"), this.folder.PathOf("tls/server.key"));
        TestCertificates.WritePem(authority, this.folder.PathOf("tls/clients.crt"));
        var file = this.folder.Write("web-config.yml", $"""
            tls_server_config:
              cert_file: tls/server.crt
              key_file: tls/server.key
              client_ca_file: tls/clients.crt
              client_auth_type: RequireAndVerifyClientCert
              min_version: TLS13
            basic_auth_users:
              alice: {AliceHash}
            """);

        var config = WebConfigLoader.Load(file);

        Assert.Empty(config.Problems);
        Assert.Equal(file, config.ConfigFile);
        Assert.NotNull(config.Tls);
        Assert.Equal(server.Thumbprint, config.Tls.Certificates.Leaf.Thumbprint);
        Assert.True(config.Tls.Certificates.Leaf.HasPrivateKey);
        Assert.Equal(authority.Thumbprint, Assert.Single(config.Tls.Certificates.ClientCertificateAuthorities).Thumbprint);
        Assert.Equal(ClientAuthType.RequireAndVerifyClientCert, config.Tls.ClientAuth);
        Assert.Equal(SslProtocols.Tls13, config.Tls.Protocols);
        Assert.Equal(AliceHash, config.BasicAuthUsers["alice"]);
    }

    [Fact]
    public void Load_CertFileWithIntermediates_ServesTheFirstAndSendsTheRest()
    {
        using var server = TestCertificates.SelfSignedServer();
        using var intermediate = TestCertificates.Authority("intermediate");
        TestCertificates.WritePem(server, this.folder.PathOf("server.crt"), this.folder.PathOf("server.key"));
        File.AppendAllText(this.folder.PathOf("server.crt"), intermediate.ExportCertificatePem());
        var file = this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");

        var config = WebConfigLoader.Load(file);

        Assert.Empty(config.Problems);
        Assert.Equal(server.Thumbprint, config.Tls!.Certificates.Leaf.Thumbprint);
        Assert.Equal(intermediate.Thumbprint, Assert.Single(config.Tls.Certificates.Intermediates).Thumbprint);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, config.Tls.Protocols);
        Assert.Equal(ClientAuthType.NoClientCert, config.Tls.ClientAuth);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing yet\n")]
    [InlineData("tls_server_config:\nbasic_auth_users:\n")]
    public void Load_EmptyConfig_ServesPlainHttpWithoutUsers(string yaml)
    {
        var config = WebConfigLoader.Load(this.folder.Write("web.yml", yaml));

        Assert.Empty(config.Problems);
        Assert.Null(config.Tls);
        Assert.Empty(config.BasicAuthUsers);
    }

    [Fact]
    public void Load_MissingFile_NamesTheSettingAndTheFile()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.PathOf("absent.yml")).Problems);

        Assert.StartsWith($"Web:ConfigFile '{this.folder.PathOf("absent.yml")}' cannot be read:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_SaysWhere()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.Write("web.yml", "basic_auth_users:\n  alice: [unclosed\n")).Problems);

        Assert.Contains("is not valid YAML", problem, StringComparison.Ordinal);
        Assert.Contains("at line 3,", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ListInsteadOfMapping_IsRejected()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.Write("web.yml", "- tls_server_config\n")).Problems);

        Assert.Contains("must be a YAML mapping with tls_server_config and/or basic_auth_users", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SettingsThisExporterDoesNotImplement_AreNamedNotIgnored()
    {
        var file = this.folder.Write("web.yml", """
            http_server_config:
              http2: false
            tls_server_config:
              cipher_suites: TLS_AES_128_GCM_SHA256
            """);

        var problems = WebConfigLoader.Load(file).Problems;

        Assert.Contains(problems, p => p.Contains("'http_server_config' (line 1) is not supported", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("tls_server_config.cipher_suites is not supported", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_PlainTextPassword_IsRejectedWithoutEchoingIt()
    {
        var file = this.folder.Write("web.yml", $"basic_auth_users:\n  alice: {AliceHash}\n  bob: hunter2\n");

        var config = WebConfigLoader.Load(file);

        var problem = Assert.Single(config.Problems);
        Assert.Contains("basic_auth_users.bob must be a bcrypt hash", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$2y$10$tooShort")]
    [InlineData("$1$10$ZJHdVCcmbyUKcqFt5tjFVOIX3Ei6aiEJ0z9CeVMLY/zI1iLSuM2Py")]
    [InlineData("$2y$99$ZJHdVCcmbyUKcqFt5tjFVOIX3Ei6aiEJ0z9CeVMLY/zI1iLSuM2Py")]
    public void Load_MalformedHash_IsRejected(string hash)
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.Write("web.yml", $"basic_auth_users:\n  alice: '{hash}'\n")).Problems);

        Assert.Contains("basic_auth_users.alice must be a bcrypt hash", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UserNameWithColon_IsRejected()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.Write("web.yml", $"basic_auth_users:\n  'a:b': {AliceHash}\n")).Problems);

        Assert.Contains("user name 'a:b' must be non-empty and without ':'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingKeyFile_NamesKeyFile()
    {
        using var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, this.folder.PathOf("server.crt"));
        var file = this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");

        var problem = Assert.Single(WebConfigLoader.Load(file).Problems);

        Assert.StartsWith($"Web:ConfigFile '{file}': tls_server_config.key_file 'server.key' cannot be read:", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertFileWithoutKeyFile_NeedsBoth()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n")).Problems);

        Assert.Contains("tls_server_config needs both cert_file and key_file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyFileWithoutAKey_NamesKeyFile()
    {
        using var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, this.folder.PathOf("server.crt"));
        this.folder.Write("server.key", "not a key\n");
        var file = this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n");

        var problem = Assert.Single(WebConfigLoader.Load(file).Problems);

        Assert.Contains("tls_server_config.key_file 'server.key' must hold the unencrypted PEM private key of the first certificate in cert_file", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KeyOfAnotherCertificate_NamesKeyFile()
    {
        using var server = TestCertificates.SelfSignedServer();
        using var other = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, this.folder.PathOf("server.crt"));
        TestCertificates.WritePem(other, this.folder.PathOf("other.crt"), this.folder.PathOf("other.key"));
        var file = this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: other.key\n");

        var problem = Assert.Single(WebConfigLoader.Load(file).Problems);

        Assert.Contains("tls_server_config.key_file 'other.key' must hold the unencrypted PEM private key", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CertFileWithoutCertificate_NamesCertFile()
    {
        using var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, this.folder.PathOf("unused.crt"), this.folder.PathOf("server.key"));
        var file = this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.key\n  key_file: server.key\n");

        var problem = Assert.Single(WebConfigLoader.Load(file).Problems);

        Assert.Contains("tls_server_config.cert_file 'server.key' holds no PEM certificate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ClientCaWithoutClientAuthType_IsRejectedAsTheToolkitDoes()
    {
        var file = this.WriteTlsConfig("client_ca_file: server.crt\n");

        var problem = Assert.Single(WebConfigLoader.Load(file).Problems);

        Assert.Contains("client_ca_file is set but client_auth_type is NoClientCert", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_VerifyingClientAuthWithoutCa_NeedsClientCaFile()
    {
        var problem = Assert.Single(WebConfigLoader.Load(this.WriteTlsConfig("client_auth_type: VerifyClientCertIfGiven\n")).Problems);

        Assert.Contains("client_auth_type VerifyClientCertIfGiven needs client_ca_file", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RequireClientCert", "RequireAnyClientCert")]
    [InlineData("RequestClientCert", "RequestClientCert")]
    [InlineData("NoClientCert", "NoClientCert")]
    public void Load_ClientAuthTypeNames_AreTheToolkits(string name, string expected)
    {
        var config = WebConfigLoader.Load(this.WriteTlsConfig($"client_auth_type: {name}\n"));

        Assert.Empty(config.Problems);
        Assert.Equal(expected, config.Tls!.ClientAuth.ToString());
    }

    [Theory]
    [InlineData("client_auth_type: RequireAndVerify\n", "client_auth_type must be one of NoClientCert, RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven, RequireAndVerifyClientCert (got 'RequireAndVerify')")]
    [InlineData("client_auth_type: 4\n", "client_auth_type must be one of")]
    [InlineData("min_version: TLS10\n", "min_version must be TLS12 or TLS13 (got 'TLS10')")]
    public void Load_UnknownTlsValue_SaysWhatIsAllowed(string line, string expected)
    {
        var config = WebConfigLoader.Load(this.WriteTlsConfig(line));

        Assert.Contains(expected, Assert.Single(config.Problems), StringComparison.Ordinal);
        Assert.Null(config.Tls);
    }

    [Fact]
    public void Configure_FlagAndSetting_FlagWins()
    {
        var loader = new WebConfigLoader(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [SettingsSchema.WebConfigFileKey] = this.folder.PathOf("setting.yml"),
            [SettingsSchema.WebConfigFlagKey] = this.folder.Write("flag.yml", ""),
        }).Build());
        var config = new WebConfig();

        loader.Configure(config);

        Assert.Empty(config.Problems);
        Assert.Equal(this.folder.PathOf("flag.yml"), config.ConfigFile);
    }

    [Fact]
    public void Configure_NoFile_IsOpenPlainHttp()
    {
        var config = new WebConfig();

        new WebConfigLoader(new ConfigurationBuilder().Build()).Configure(config);

        Assert.Null(config.ConfigFile);
        Assert.Null(config.Tls);
        Assert.Empty(config.BasicAuthUsers);
        Assert.Empty(config.Problems);
    }

    [Fact]
    public void Configure_HttpsUrlWithoutTls_IsRejected()
    {
        var loader = new WebConfigLoader(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:9926;https://127.0.0.1:9927",
        }).Build());
        var config = new WebConfig();

        loader.Configure(config);

        Assert.StartsWith("urls 'https://127.0.0.1:9927' asks for HTTPS, which needs tls_server_config", Assert.Single(config.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Problems_FailWithEachProblem()
    {
        var result = new WebConfigValidator().Validate(null, new WebConfig { Problems = ["one", "two"] });

        Assert.True(result.Failed);
        Assert.Equal(["one", "two"], result.Failures);
        Assert.Equal(ValidateOptionsResult.Success, new WebConfigValidator().Validate(null, new WebConfig()));
    }

    /// <summary>A web config with a valid certificate and key, plus <paramref name="extraTlsLines"/> in tls_server_config.</summary>
    private string WriteTlsConfig(string extraTlsLines)
    {
        using var server = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(server, this.folder.PathOf("server.crt"), this.folder.PathOf("server.key"));
        var indented = string.Concat(extraTlsLines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
        return this.folder.Write("web.yml", "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n" + indented);
    }
}
