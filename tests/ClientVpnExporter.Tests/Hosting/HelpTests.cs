using System.Net;
using System.Net.Sockets;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary><c>--help</c>: the usage printed, nothing validated or started.</summary>
[Collection(SerialTestGroup.Name)]
public class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--HELP")]
    public async Task Main_Help_PrintsTheUsageAndExitsZeroWithoutListening(string help)
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var run = await ConsoleRun.MainAsync(help, $"--urls=http://127.0.0.1:{port}");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: clientvpn-exporter [--demo] [--check-config]", run.Output, StringComparison.Ordinal);
        Assert.Contains("--check-config", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
        Assert.False(occupied.Pending());
    }

    [Fact]
    public async Task Main_HelpBesideAMistypedFlag_StillPrintsTheUsage()
    {
        var run = await ConsoleRun.MainAsync("--ClientVpn:PollIntervall=00:00:10", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("Usage: clientvpn-exporter", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_HelpWithAValue_IsRefused()
    {
        var run = await ConsoleRun.MainAsync("--help=yes");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("flag --help takes no value (got 'yes').", run.Error.Trim());
    }
}
