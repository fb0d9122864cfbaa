using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClientVpnExporter.Hosting;
using ClientVpnExporter.Tests.Security;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>
/// The built exporter, started as an operator starts it, with settings and arguments it does not know or cannot use:
/// each stops it with exit code 1 and exactly one line on standard error naming the setting, never a stack trace.
/// </summary>
[Collection(SerialTestGroup.Name)]
public class StartupFailureTests
{
    private static readonly string[] Valid = ["--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1"];

    [Theory]
    [InlineData("--web.config=F", "unknown flag --web.config; did you mean --web.config.file?")]
    [InlineData("--web-config-file=F", "unknown flag --web-config-file; did you mean --web.config.file?")]
    [InlineData("--Web:ConfigFiles=F", "unknown flag --Web:ConfigFiles; did you mean --Web:ConfigFile?")]
    [InlineData("--ClientVpn:Privacy:Usr=Hash", "unknown flag --ClientVpn:Privacy:Usr; did you mean --ClientVpn:Privacy:User?")]
    [InlineData("--ClientVpn:PollIntervall=00:00:10", "unknown flag --ClientVpn:PollIntervall; did you mean --ClientVpn:PollInterval?")]
    [InlineData("--PollInterval=00:00:10", "unknown flag --PollInterval; did you mean --ClientVpn:PollInterval?")]
    [InlineData("--ClientVpn:Accounts:0:RoleArm=x", "unknown flag --ClientVpn:Accounts:0:RoleArm; did you mean --ClientVpn:Accounts:0:RoleArn?")]
    [InlineData("--contentRoot=/tmp", "unknown flag --contentRoot; did you mean --ClientVpn?")]
    [InlineData("-web.config.file=/tmp/web.yml", "unknown flag -web.config.file; did you mean --web.config.file?")]
    [InlineData("/web.config.file=/tmp/web.yml", "unknown flag /web.config.file; did you mean --web.config.file?")]
    [InlineData("web.config.file=/tmp/web.yml", "unknown flag web.config.file; did you mean --web.config.file?")]
    [InlineData("--ClientVpn:PerUserMetrics", "flag --ClientVpn:PerUserMetrics needs a value: --ClientVpn:PerUserMetrics=VALUE or --ClientVpn:PerUserMetrics VALUE.")]
    [InlineData(
        "--ClientVpn:EndpointIds=cvpn-endpoint-0123456789abcdef0",
        "--ClientVpn:EndpointIds is a list, not a single value (got 'cvpn-endpoint-0123456789abcdef0'): give its items as --ClientVpn:EndpointIds:0, --ClientVpn:EndpointIds:1 and so on.")]
    [InlineData(
        "--ClientVpn:Regions=eu-west-1",
        "--ClientVpn:Regions is a list, not a single value (got 'eu-west-1'): give its items as --ClientVpn:Regions:0, --ClientVpn:Regions:1 and so on.")]
    [InlineData(
        "--ClientVpn:Regions:first=eu-west-1",
        "--ClientVpn:Regions:first: 'first' is not a list index; number the items --ClientVpn:Regions:0, --ClientVpn:Regions:1 and so on.")]
    [InlineData("--ClientVpn:Privacy=Hash", "--ClientVpn:Privacy is a section, not a single value: set the settings in it, such as --ClientVpn:Privacy:User.")]
    [InlineData("--ClientVpn:Privacy:ClientIp=Hash, Drop", "--ClientVpn:Privacy:ClientIp must be one of Keep, Hash, Drop or Prefix (got 'Hash, Drop').")]
    [InlineData("--ClientVpn:Privacy:ClientIp=3", "--ClientVpn:Privacy:ClientIp must be one of Keep, Hash, Drop or Prefix (got '3').")]
    [InlineData(
        "--Logging:LogLevel:Default=Verbose",
        "--Logging:LogLevel:Default must be a log level, one of Trace, Debug, Information, Warning, Error, Critical or None (got 'Verbose').")]
    [InlineData("--Logging:LogLevel:Default=2", "--Logging:LogLevel:Default must be a log level, one of Trace, Debug, Information, Warning, Error, Critical or None (got '2').")]
    [InlineData("--demo=true", "flag --demo takes no value (got 'true').")]
    [InlineData(
        "--urls=garbage",
        "urls 'garbage' is not a listen address: give http://HOST:PORT or https://HOST:PORT with a PORT from 0 to 65535, several separated by ';' (e.g. http://+:9926).")]
    [InlineData(
        "--urls=http://127.0.0.1:99999",
        "urls 'http://127.0.0.1:99999' is not a listen address: give http://HOST:PORT or https://HOST:PORT with a PORT from 0 to 65535, several separated by ';' (e.g. http://+:9926).")]
    [InlineData(
        "--ClientVpn:PollInterval=10675199.00:00:00",
        "ClientVpn:PollInterval must be between 00:00:01 and 00:30:00, well inside the API's 60-minute window of ended sessions (got 10675199.00:00:00).")]
    [InlineData("--web.config.file=/dev/zero", "Web:ConfigFile '/dev/zero' is not a regular file (a device, pipe, socket or folder); give the path of a file.")]
    [InlineData("--ClientVpn:HealthInterval=00:00:05", "ClientVpn:HealthInterval must be between 00:00:10 and 1.00:00:00 (got 00:00:05).")]
    [InlineData("--ClientVpn:ConnectionLog:Interval=00:00:09", "ClientVpn:ConnectionLog:Interval must be between 00:00:10 and 01:00:00 (got 00:00:09).")]
    [InlineData(
        "--ClientVpn:ConnectionQuota:Endpoints:cvpn-endpoint-0123456789abcdef0=0",
        "ClientVpn:ConnectionQuota:Endpoints:cvpn-endpoint-0123456789abcdef0 must be between 1 and 10000000 connections (got 0).")]
    public async Task Main_BadArgument_ExitsOneWithOneLineNamingIt(string argument, string expected)
    {
        // StaleAfter is set so that its check meets the absurd poll interval (twice it overflowed).
        var run = await ExporterProcess.RunAsync([.. Valid, "--ClientVpn:StaleAfter=01:00:00", argument]);

        AssertFailsWith(run, expected);
    }

    [Fact]
    public async Task Main_UnknownSettingWithCheckConfig_FailsTheCheck()
    {
        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch, .. Valid, "--ClientVpn:PollIntervall=00:00:10"]);

        AssertFailsWith(run, "unknown flag --ClientVpn:PollIntervall; did you mean --ClientVpn:PollInterval?");
    }

    [Theory]
    [InlineData("ClientVpn__PollIntervall", "00:00:10", "unknown setting ClientVpn__PollIntervall (environment variable); did you mean ClientVpn__PollInterval?")]
    [InlineData("Web__ConfigFiles", "/tmp/web.yml", "unknown setting Web__ConfigFiles (environment variable); did you mean Web__ConfigFile?")]
    [InlineData("clientvpn__privacy__usr", "Hash", "unknown setting clientvpn__privacy__usr (environment variable); did you mean ClientVpn__Privacy__User?")]
    [InlineData(
        "ClientVpn__Privacy__ClientIp",
        "Hash, Drop",
        "ClientVpn__Privacy__ClientIp (environment variable) must be one of Keep, Hash, Drop or Prefix (got 'Hash, Drop').")]
    [InlineData(
        "Logging__LogLevel__Default",
        "Verbose",
        "Logging__LogLevel__Default (environment variable) must be a log level, one of Trace, Debug, Information, Warning, Error, Critical or None (got 'Verbose').")]
    [InlineData(
        "ASPNETCORE_URLS",
        "garbage",
        "urls 'garbage' is not a listen address: give http://HOST:PORT or https://HOST:PORT with a PORT from 0 to 65535, several separated by ';' (e.g. http://+:9926).")]
    public async Task Main_BadEnvironmentVariable_ExitsOneWithOneLineNamingIt(string name, string value, string expected)
    {
        var run = await ExporterProcess.RunAsync(["--ClientVpn:Regions:0=us-east-1"], new ProcessSettings(Environment: new Dictionary<string, string> { [name] = value }));

        AssertFailsWith(run, expected);
    }

    [Fact]
    public async Task Main_PortInUse_ExitsOneNamingTheAddress()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        // --demo: the simulator supplies credentials and an EC2 API, so listening is the one thing that fails.
        var run = await ExporterProcess.RunAsync(["--demo", $"--urls=http://127.0.0.1:{port}"]);

        AssertFailsWith(run, $"urls: Failed to bind to address http://127.0.0.1:{port}: address already in use.");
    }

    [Fact]
    public async Task Main_WebConfigIsANamedPipe_ExitsOneAtOnceInsteadOfWaitingForAWriter()
    {
        using var folder = new ScratchFolder();
        var pipe = folder.PathOf("web-config.yml");
        using (var mkfifo = Process.Start("mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var run = await ExporterProcess.RunAsync([.. Valid, $"--web.config.file={pipe}"]);

        AssertFailsWith(run, $"Web:ConfigFile '{pipe}' is not a regular file (a device, pipe, socket or folder); give the path of a file.");
    }

    [Fact]
    public async Task Main_WebConfigLargerThanOneMebibyte_ExitsOneWithoutReadingIt()
    {
        using var folder = new ScratchFolder();
        var file = folder.Write("web-config.yml", "# " + new string('x', 1024 * 1024) + "\n");

        var run = await ExporterProcess.RunAsync([.. Valid, $"--web.config.file={file}"]);

        AssertFailsWith(run, $"Web:ConfigFile '{file}' is larger than 1 MiB, the most a configuration file may hold.");
    }

    [Fact]
    public async Task Main_HostileAppSettingsInWorkingDirectory_IsNotRead()
    {
        // Started from a folder anyone can write to: its appsettings.json would turn authentication off and mistype a setting.
        using var workingDirectory = new ScratchFolder();
        workingDirectory.Write("appsettings.json", """{ "ClientVpn": { "PollIntervall": "00:00:01", "PageSize": 2000 }, "Web": { "ConfigFile": "/nonexistent" } }""");

        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch, .. Valid], new ProcessSettings(WorkingDirectory: workingDirectory.Path));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("configuration is valid", run.Output.Trim());
    }

    [Fact]
    public async Task Main_AppSettingsBesideTheBinaryWithUnknownSetting_ExitsOneNamingTheFile()
    {
        using var install = new ScratchFolder();
        using var workingDirectory = new ScratchFolder();
        var dll = ExporterProcess.Install(install);
        var settings = install.Write("appsettings.json", """{ "ClientVpn": { "Regions": [ "us-east-1" ], "PollIntervall": "00:00:10" } }""");

        var run = await ExporterProcess.RunAsync(["--urls=http://127.0.0.1:0"], new ProcessSettings(dll, workingDirectory.Path));

        AssertFailsWith(run, $"unknown setting ClientVpn:PollIntervall in {settings}; did you mean ClientVpn:PollInterval?");
    }

    [Fact]
    public async Task Main_AppSettingsBesideTheBinaryIsADevice_ExitsOneWithoutReadingIt()
    {
        using var install = new ScratchFolder();
        var dll = ExporterProcess.Install(install);
        File.CreateSymbolicLink(install.PathOf("appsettings.json"), "/dev/zero");

        var run = await ExporterProcess.RunAsync(Valid, new ProcessSettings(dll));

        AssertFailsWith(run, $"{install.PathOf("appsettings.json")} is not a regular file (a device, pipe, socket or folder); give the path of a file.");
    }

    [Fact]
    public async Task Main_AppSettingsBesideTheBinaryIsRead_FromAnyWorkingDirectory()
    {
        using var install = new ScratchFolder();
        using var workingDirectory = new ScratchFolder();
        var dll = ExporterProcess.Install(install);
        install.Write("appsettings.json", """{ "ClientVpn": { "Regions": [ "us-east-1" ], "PageSize": 2000 } }""");

        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch, "--urls=http://127.0.0.1:0"], new ProcessSettings(dll, workingDirectory.Path));

        AssertFailsWith(run, "ClientVpn:PageSize must be between 5 and 1000 (got 2000).");
    }

    /// <summary>Exit code 1, <paramref name="expected"/> as the only line on standard error, nothing on standard output, no stack trace anywhere.</summary>
    internal static void AssertFailsWith(ConsoleRun run, string expected)
    {
        Assert.DoesNotContain("   at ", run.Error + run.Output, StringComparison.Ordinal);
        Assert.Equal(expected, run.Error.TrimEnd('\n'));
        Assert.Equal("", run.Output);
        Assert.Equal(1, run.ExitCode);
    }
}
