using System.Net;
using System.Net.Sockets;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary><c>--check-config</c>: every setting validated, the verdict printed, nothing started.</summary>
[Collection(SerialTestGroup.Name)]
public class CheckConfigTests
{
    [Fact]
    public async Task Main_CheckConfigWithValidSettings_PrintsValidAndExitsZeroWithoutListeningOrPolling()
    {
        // The listen port is taken and the EC2 URL points at the same listener: listening would fail to bind, and a
        // poll would knock on it.
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var run = await ConsoleRun.MainAsync(
            CommandLineArguments.CheckConfigSwitch, $"--urls=http://127.0.0.1:{port}", "--ClientVpn:Regions:0=us-east-1", $"--ClientVpn:ServiceUrl=http://127.0.0.1:{port}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("configuration is valid", run.Output.Trim());
        Assert.Equal("", run.Error);
        Assert.False(occupied.Pending());
    }

    [Fact]
    public async Task Main_CheckConfigWithTlsAndUsers_LoadsTheWebConfigAndExitsZero()
    {
        using var folder = new ScratchFolder();
        using var certificate = TestCertificates.SelfSignedServer();
        TestCertificates.WritePem(certificate, folder.PathOf("server.crt"), folder.PathOf("server.key"));
        var hash = BCrypt.Net.BCrypt.HashPassword("secret", workFactor: 4);
        var webConfig = folder.Write("web-config.yml", $"tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\nbasic_auth_users:\n  prometheus: '{hash}'\n");

        var run = await ConsoleRun.MainAsync(CommandLineArguments.CheckConfigSwitch, "--urls=https://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", $"--web.config.file={webConfig}");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("configuration is valid", run.Output.Trim());
    }

    [Fact]
    public async Task Main_CheckConfigWithInvalidSettingAndBrokenWebConfig_ListsBothAndExitsOne()
    {
        using var folder = new ScratchFolder();
        var webConfig = folder.Write("web-config.yml", "basic_auth_users:\n  prometheus: secret\n");

        var run = await ConsoleRun.MainAsync(
            CommandLineArguments.CheckConfigSwitch, "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", "--ClientVpn:PageSize=2000", $"--Web:ConfigFile={webConfig}");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("configuration is valid", run.Output, StringComparison.Ordinal);
        var lines = run.Error.TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, line => line.StartsWith("ClientVpn:PageSize must be between 5 and 1000 (got 2000)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith($"Web:ConfigFile '{webConfig}': basic_auth_users.prometheus must be a bcrypt hash", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_CheckConfigWithHttpsUrlButNoWebConfig_SaysTlsIsNeeded()
    {
        var run = await ConsoleRun.MainAsync(CommandLineArguments.CheckConfigSwitch, "--urls=https://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("urls 'https://127.0.0.1:0' asks for HTTPS, which needs tls_server_config", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_StartWithInvalidSettingAndMissingWebConfig_ExitsOneListingBoth()
    {
        var run = await ConsoleRun.MainAsync(
            "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", "--ClientVpn:MaxConcurrentEndpoints=0", "--web.config.file=/nonexistent/web-config.yml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("ClientVpn:MaxConcurrentEndpoints must be between 1 and 64 (got 0)", run.Error, StringComparison.Ordinal);
        Assert.Contains("Web:ConfigFile '/nonexistent/web-config.yml' cannot be read:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_StateFileWhoseDirectoryCannotBeWritten_ExitsOneNamingTheSetting()
    {
        using var folder = new ScratchFolder();
        var notADirectory = folder.Write("plain-file", "");

        var run = await ConsoleRun.MainAsync(
            "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", $"--ClientVpn:StateFile={notADirectory}/state.json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"ClientVpn:StateFile cannot be used: the directory of '{notADirectory}/state.json' does not exist.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_CheckConfigWithStateFileInAWritableDirectory_IsValidAndLeavesNothingBehind()
    {
        using var folder = new ScratchFolder();

        var run = await ConsoleRun.MainAsync(
            CommandLineArguments.CheckConfigSwitch, "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", $"--ClientVpn:StateFile={folder.PathOf("state.json")}");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(folder.Path));
    }
}
