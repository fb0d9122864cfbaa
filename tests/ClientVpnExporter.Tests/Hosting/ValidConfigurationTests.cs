using System.Text;
using ClientVpnExporter.Hosting;
using Microsoft.Extensions.Configuration;

namespace ClientVpnExporter.Tests.Hosting;

/// <summary>What must still start now that unknown settings stop the exporter: every documented setting, the host's own, the environment.</summary>
public class ValidConfigurationTests
{
    private static readonly string[] EveryDocumentedSetting =
    [
        "--urls=http://127.0.0.1:0;http://[::1]:0",
        "--ClientVpn:Regions:0=us-east-1",
        "--ClientVpn:Regions:1=eu-west-1",
        "--ClientVpn:EndpointIds:0=cvpn-endpoint-0123456789abcdef0",
        "--ClientVpn:EndpointTags:Environment:0=prod",
        "--ClientVpn:EndpointTags:Team",
        "",
        "--ClientVpn:PollInterval=00:00:30",
        "--ClientVpn:PageSize=500",
        "--ClientVpn:MaxConcurrentEndpoints=8",
        "--ClientVpn:ServiceUrl=http://127.0.0.1:1/",
        "--ClientVpn:PerUserMetrics=true",
        "--ClientVpn:PerConnectionMetrics=true",
        "--ClientVpn:ScrapeCacheDuration=00:00:01",
        "--ClientVpn:UserRetention=2.00:00:00",
        "--ClientVpn:StaleAfter=00:05:00",
        "--ClientVpn:Accounts:0:RoleArn=arn:aws:iam::123456789012:role/clientvpn-exporter",
        "--ClientVpn:Accounts:0:ExternalId=external-id",
        "--ClientVpn:Accounts:0:SessionName=exporter",
        "--ClientVpn:Accounts:0:Regions:0=eu-central-1",
        "--ClientVpn:StsServiceUrl=http://127.0.0.1:1/",
        "--ClientVpn:AcmServiceUrl=http://127.0.0.1:2/",
        "--ClientVpn:IamServiceUrl=http://127.0.0.1:3/",
        "--ClientVpn:OrganizationsServiceUrl=http://127.0.0.1:4/",
        "--ClientVpn:LogsServiceUrl=http://127.0.0.1:5/",
        "--ClientVpn:ApiBudget:RequestsPerSecond=2.5",
        "--ClientVpn:ApiBudget:Burst=5",
        "--ClientVpn:ApiBudget:RequestTimeout=00:00:10",
        "--ClientVpn:ApiBudget:MaxRetries=2",
        "--ClientVpn:PermissionCheckInterval=00:10:00",
        "--ClientVpn:HealthInterval=00:10:00",
        "--ClientVpn:ConnectionLog:Enabled=true",
        "--ClientVpn:ConnectionLog:Interval=00:02:00",
        "--ClientVpn:ConnectionLog:Lookback=00:20:00",
        "--ClientVpn:ConnectionLog:MaxPagesPerRead=50",
        "--ClientVpn:ConnectionLog:PageSize=5000",
        "--ClientVpn:ConnectionLog:RequestsPerSecond=2",
        "--ClientVpn:ConnectionLog:Burst=4",
        "--ClientVpn:ConnectionQuota:AllEndpoints=20000",
        "--ClientVpn:ConnectionQuota:Endpoints:cvpn-endpoint-0123456789abcdef0=200000",
        "--ClientVpn:Privacy:User=hash",
        "--ClientVpn:Privacy:CommonName=Drop",
        "--ClientVpn:Privacy:ClientIp=Prefix",
        "--ClientVpn:Privacy:IPv4PrefixLength=16",
        "--ClientVpn:Privacy:IPv6PrefixLength=48",
        "--ClientVpn:Privacy:HashKey=0123456789abcdef0123",
        "--Logging:LogLevel:Default=Warning",
        "--Logging:LogLevel:Microsoft.AspNetCore=error",
        "--Logging:Console:FormatterName=simple",
        "--AllowedHosts=*",
    ];

    [Fact]
    public async Task Main_CheckConfigWithEveryDocumentedSetting_IsValid()
    {
        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch, .. EveryDocumentedSetting]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("configuration is valid", run.Output.Trim());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Main_CheckConfigWithSettingsInTheEnvironmentAndForeignVariables_IsValid()
    {
        var environment = new Dictionary<string, string>
        {
            ["ClientVpn__Regions__0"] = "us-east-1",
            ["ClientVpn__PollInterval"] = "00:00:30",
            ["clientvpn__privacy__clientip"] = "Drop",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["ASPNETCORE_HTTP_PORTS"] = "",
            ["DOTNET_gcServer"] = "0",

            // Not the exporter's: never treated as settings.
            ["AWS_SDK_LOAD_CONFIG"] = "1",
            ["CLIENTVPN_SOMETHING_ELSE"] = "x",
            ["PollIntervall"] = "x",
        };

        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch], new ProcessSettings(Environment: environment));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("configuration is valid", run.Output.Trim());
    }

    [Fact]
    public async Task Main_StartedWithSettingsFromEnvironmentAndCommandLine_ServesWhatTheyAskFor()
    {
        var port = ExporterProcess.FreePort();
        var output = new StringBuilder();
        var environment = new Dictionary<string, string> { ["ClientVpn__PerConnectionMetrics"] = "true", ["Logging__LogLevel__Default"] = "Warning" };
        using var exporter = ExporterProcess.Start(output, ["--demo", "--urls", $"http://127.0.0.1:{port}", "--ClientVpn:Privacy:ClientIp", "Drop"], new ProcessSettings(Environment: environment));
        try
        {
            await ExporterProcess.WaitForAsync(exporter, port, "/readyz", output);
            using var http = new HttpClient();
            var metrics = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/metrics"));

            // Per-connection series (from the environment), with client IPs dropped (from the command line).
            Assert.Contains("clientvpn_connection_info{", metrics, StringComparison.Ordinal);
            Assert.Contains("client_ip=\"\"", metrics, StringComparison.Ordinal);
        }
        finally
        {
            exporter.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Main_RegionTheSdkDoesNotKnow_IsWarnedAboutButAccepted()
    {
        var run = await ExporterProcess.RunAsync([CommandLineArguments.CheckConfigSwitch, "--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=eu-wset-1"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            "ClientVpn:Regions:0 'eu-wset-1' is not a region this AWS SDK knows (did you mean eu-west-1?); it is read anyway, in case the region is newer than the SDK.",
            run.Output,
            StringComparison.Ordinal);
        Assert.EndsWith("configuration is valid", run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_UnknownKeyFromASourceNotChecked_IsRefusedByTheBinder()
    {
        // In-memory sources are the code's own and not checked; the binder's own check still refuses what it cannot bind.
        var failure = Assert.Throws<InvalidOperationException>(() => ExporterHost.Build(
            ["--urls=http://127.0.0.1:0", "--ClientVpn:Regions:0=us-east-1"],
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ClientVpn:PollIntervall"] = "00:00:10" })));

        Assert.Contains("'PollIntervall'", failure.Message, StringComparison.Ordinal);
    }
}
