using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;

namespace ClientVpnExporter.Tests.Integration;

/// <summary>The web host: health endpoints, landing page and startup validation.</summary>
[Collection(SerialTestGroup.Name)]
public class HostTests
{
    [Fact]
    public async Task HealthAndLandingPage_Answer()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(new SimulatorOptions { Endpoints = 1, ConnectionsPerEndpoint = 5, Seed = 1 });

        Assert.Equal(System.Net.HttpStatusCode.OK, (await harness.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await harness.Http.GetAsync("/readyz")).StatusCode);
        var landing = await harness.Http.GetStringAsync("/");
        Assert.Contains("href=\"metrics\"", landing, StringComparison.Ordinal);
        Assert.Contains("href=\"readyz\"", landing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Main_InvalidSetting_ExitsOneNamingTheSettingAndRange()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var exitCode = await Program.Main(["--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", "--ClientVpn:PageSize=2000"]);

            Assert.Equal(1, exitCode);
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("ClientVpn:PageSize must be between 5 and 1000 (got 2000)", error.ToString(), StringComparison.Ordinal);
    }
}

[Collection(SerialTestGroup.Name)]
public class ConfigurationErrorTests
{
    [Fact]
    public async Task Main_UnknownEnumValue_ExitsOneNamingTheSetting()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            Assert.Equal(1, await Program.Main(["--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1", "--ClientVpn:Privacy:User=Scramble"]));
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Contains("ClientVpn:Privacy:User", error.ToString(), StringComparison.Ordinal);
    }
}
