using ClientVpnSimulator.Hosting;

namespace ClientVpnSimulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Parse_EveryOption_BindsIt()
    {
        var result = CommandLine.Parse(
        [
            "--urls", "http://127.0.0.1:5090", "--endpoints", "7", "--connections=200", "--churn-per-hour", "600.5",
            "--seed", "-42", "--clock-speed", "60", "--start-time", "2026-01-02T03:04:05Z", "--start-paused",
            "--accounts", "111111111111, 222222222222", "--required-external-id", "s3cr3t", "--credential-lifetime", "2.5",
            "--failed-attempt-share", "0.25", "--log-ingestion-delay", "5-90s",
        ]);

        Assert.Empty(result.Errors);
        Assert.Equal("http://127.0.0.1:5090", result.Url);
        Assert.Equal(7, result.Options.Endpoints);
        Assert.Equal(200, result.Options.ConnectionsPerEndpoint);
        Assert.Equal(600.5, result.Options.ChurnPerHour);
        Assert.Equal(-42, result.Options.Seed);
        Assert.Equal(60, result.Options.ClockSpeed);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), result.Options.StartTime);
        Assert.True(result.Options.StartPaused);
        Assert.Equal(["111111111111", "222222222222"], result.Options.Accounts);
        Assert.Equal("s3cr3t", result.Options.RequiredExternalId);
        Assert.Equal(TimeSpan.FromSeconds(2.5), result.Options.CredentialLifetime);
        Assert.Equal(0.25, result.Options.FailedAttemptShare);
        Assert.Equal("5-90s", result.Options.LogIngestionDelay);
    }

    [Fact]
    public void Parse_NoArguments_UsesDefaults()
    {
        var result = CommandLine.Parse([]);

        Assert.Empty(result.Errors);
        Assert.Equal(CommandLine.DefaultUrl, result.Url);
        Assert.Equal(3, result.Options.Endpoints);
        Assert.Equal(50, result.Options.ConnectionsPerEndpoint);
        Assert.False(result.Options.StartPaused);
        Assert.Equal(["111111111111"], result.Options.Accounts);
        Assert.Null(result.Options.RequiredExternalId);
        Assert.Null(result.Options.CredentialLifetime);
        Assert.Equal(0.05, result.Options.FailedAttemptShare);
        Assert.Equal("0-30s", result.Options.LogIngestionDelay);
    }

    [Fact]
    public void Parse_BareStartPausedBeforeAnotherSwitch_MeansTrue()
    {
        var result = CommandLine.Parse(["--start-paused", "--seed", "3"]);

        Assert.Empty(result.Errors);
        Assert.True(result.Options.StartPaused);
        Assert.Equal(3, result.Options.Seed);
    }

    [Theory]
    [InlineData("--endpoints", "0", "--endpoints must be an integer between 1 and 100 (got 0).")]
    [InlineData("--endpoints", "101", "--endpoints must be an integer between 1 and 100 (got 101).")]
    [InlineData("--endpoints", "abc", "--endpoints must be an integer between 1 and 100 (got 'abc').")]
    [InlineData("--connections", "200001", "--connections must be an integer between 0 and 200000 (got 200001).")]
    [InlineData("--churn-per-hour", "-1", "--churn-per-hour must be a number between 0 and 1000000 (got -1).")]
    [InlineData("--churn-per-hour", "1e7", "--churn-per-hour must be a number between 0 and 1000000 (got 10000000).")]
    [InlineData("--clock-speed", "0", "--clock-speed must be a number above 0 and at most 1000000 (got 0).")]
    [InlineData("--seed", "1.5", "--seed must be an integer between -2147483648 and 2147483647 (got '1.5').")]
    [InlineData("--start-time", "yesterday", "--start-time must be an ISO 8601 time between 2000-01-01 and 9000-01-01 (got 'yesterday').")]
    [InlineData("--accounts", "111111111111,12345", "--accounts must be 1 to 20 distinct 12-digit account ids, comma-separated (got '111111111111,12345').")]
    [InlineData("--accounts", "111111111111,111111111111", "--accounts must be 1 to 20 distinct 12-digit account ids, comma-separated (got '111111111111,111111111111').")]
    [InlineData("--credential-lifetime", "0", "--credential-lifetime must be a number of seconds above 0 and at most 43200 (got 0).")]
    [InlineData("--credential-lifetime", "soon", "--credential-lifetime must be a number of seconds above 0 and at most 43200 (got 'soon').")]
    [InlineData("--failed-attempt-share", "0.95", "--failed-attempt-share must be a number between 0 and 0.9 (got 0.95).")]
    [InlineData("--failed-attempt-share", "many", "--failed-attempt-share must be a number between 0 and 0.9 (got 'many').")]
    [InlineData("--log-ingestion-delay", "90-5s", "--log-ingestion-delay must be MAX or MIN-MAX seconds (optionally ending in s), 0 <= MIN <= MAX <= 1800, such as 0-90s (got '90-5s').")]
    [InlineData("--log-ingestion-delay", "1801", "--log-ingestion-delay must be MAX or MIN-MAX seconds (optionally ending in s), 0 <= MIN <= MAX <= 1800, such as 0-90s (got '1801').")]
    [InlineData("--urls", "https://localhost:5001", "--urls must be one http:// URL such as http://127.0.0.1:5080 (got 'https://localhost:5001').")]
    public void Parse_InvalidValue_FailsNamingTheOptionAndItsRange(string option, string value, string expected)
    {
        var result = CommandLine.Parse([option, value]);

        Assert.Equal([expected], result.Errors);
    }

    [Fact]
    public void Parse_UnknownOption_Fails()
    {
        var result = CommandLine.Parse(["--endpionts", "3"]);

        Assert.Contains("Unknown option --endpionts.", result.Errors);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEach()
    {
        var result = CommandLine.Parse(["--bogus", "1", "stray", "--endpoints", "0", "--clock-speed", "x"]);

        string[] expected =
        [
            "Unknown option --bogus.",
            "Unexpected argument 'stray'.",
            "--clock-speed must be a number above 0 and at most 1000000 (got 'x').",
            "--endpoints must be an integer between 1 and 100 (got 0).",
        ];
        Assert.Equal(expected, result.Errors);
    }

    [Fact]
    public void Parse_Help_AsksForUsage()
    {
        Assert.True(CommandLine.Parse(["--help"]).ShowHelp);
        Assert.Contains("--churn-per-hour", CommandLine.Usage);
    }

    [Fact]
    public async Task Main_InvalidOption_ExitsWithCode2()
    {
        Assert.Equal(2, await Program.Main(["--endpoints", "0"]));
    }

    [Theory]
    [InlineData(0, 50, "SimulatorOptions.Endpoints must be an integer between 1 and 100 (got 0).")]
    [InlineData(3, -1, "SimulatorOptions.ConnectionsPerEndpoint must be an integer between 0 and 200000 (got -1).")]
    public async Task StartAsync_InvalidOptions_ThrowsNamingTheProperty(int endpoints, int connections, string expected)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            SimulatorServer.StartAsync(new SimulatorOptions { Endpoints = endpoints, ConnectionsPerEndpoint = connections }));

        Assert.StartsWith(expected, error.Message);
    }
}
