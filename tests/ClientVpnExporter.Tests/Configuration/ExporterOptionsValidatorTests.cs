using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Tests.Configuration;

public class ExporterOptionsValidatorTests
{
    private readonly ExporterOptionsValidator validator = new();

    [Fact]
    public void Validate_Defaults_WithARegion_Succeed()
    {
        Assert.True(this.validator.Validate(null, Valid()).Succeeded);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(1001)]
    public void Validate_PageSizeOutOfRange_NamesSettingAndRange(int pageSize)
    {
        var options = Valid();
        options.PageSize = pageSize;

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Contains("ClientVpn:PageSize", failure);
        Assert.Contains("between 5 and 1000", failure);
        Assert.Contains(pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), failure);
    }

    [Fact]
    public void Validate_LargestPollIntervalWithStaleAfter_FailsOnTheIntervalWithoutOverflow()
    {
        var options = Valid();
        options.PollInterval = TimeSpan.MaxValue;
        options.StaleAfter = TimeSpan.FromHours(1);

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:PollInterval must be between", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectiveStaleAfter_LargestPollIntervalNotYetValidated_Saturates()
    {
        var options = new ExporterOptions { PollInterval = TimeSpan.MaxValue };

        Assert.Equal(TimeSpan.MaxValue, options.EffectiveStaleAfter);
    }

    [Theory]
    [InlineData("00:00:00.500")]
    [InlineData("00:31:00")]
    [InlineData("01:00:00")]
    public void Validate_PollIntervalOutsideWindow_Fails(string interval)
    {
        var options = Valid();
        options.PollInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Contains("ClientVpn:PollInterval", failure);
        Assert.Contains("00:30:00", failure);
    }

    [Fact]
    public void Validate_BadRegionAndEndpointId_NameTheirIndex()
    {
        var options = Valid();
        options.Regions = ["us-east-1", "Mars"];
        options.EndpointIds = ["vpn-123"];

        var failures = this.validator.Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("ClientVpn:Regions:1") && f.Contains("'Mars'"));
        Assert.Contains(failures, f => f.Contains("ClientVpn:EndpointIds:0") && f.Contains("'vpn-123'"));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("/relative")]
    public void Validate_BadServiceUrl_Fails(string url)
    {
        var options = Valid();
        options.ServiceUrl = url;

        Assert.Contains("ClientVpn:ServiceUrl", Assert.Single(this.validator.Validate(null, options).Failures!));
    }

    [Theory]
    [InlineData(nameof(ExporterOptions.MaxConcurrentEndpoints), 0, "between 1 and 64")]
    [InlineData(nameof(ExporterOptions.MaxConcurrentEndpoints), 65, "between 1 and 64")]
    [InlineData(nameof(ExporterOptions.MaxConcurrentTargets), 0, "between 1 and 256")]
    [InlineData(nameof(ExporterOptions.MaxConcurrentTargets), 257, "between 1 and 256")]
    public void Validate_ConcurrencyOutOfRange_Fails(string setting, int concurrency, string range)
    {
        var options = Valid();
        options.MaxConcurrentEndpoints = setting == nameof(ExporterOptions.MaxConcurrentEndpoints) ? concurrency : options.MaxConcurrentEndpoints;
        options.MaxConcurrentTargets = setting == nameof(ExporterOptions.MaxConcurrentTargets) ? concurrency : options.MaxConcurrentTargets;

        Assert.Contains($"ClientVpn:{setting} must be {range}", Assert.Single(this.validator.Validate(null, options).Failures!));
    }

    [Fact]
    public void Validate_EmptyTagKey_Fails()
    {
        var options = Valid();
        options.EndpointTags[" "] = ["prod"];

        Assert.Contains("ClientVpn:EndpointTags", Assert.Single(this.validator.Validate(null, options).Failures!));
    }

    [Theory]
    [InlineData("00:00:09")]
    [InlineData("1.00:00:01")]
    public void Validate_HealthIntervalOutsideRange_NamesSettingAndRange(string interval)
    {
        var options = Valid();
        options.HealthInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:HealthInterval must be between 00:00:10 and 1.00:00:00", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Interval", "00:00:09", "ClientVpn:ConnectionLog:Interval must be between 00:00:10 and 01:00:00")]
    [InlineData("Interval", "01:00:01", "ClientVpn:ConnectionLog:Interval must be between 00:00:10 and 01:00:00")]
    [InlineData("Lookback", "00:01:59", "ClientVpn:ConnectionLog:Lookback must be between 00:02:00 and 06:00:00")]
    [InlineData("Lookback", "06:00:01", "ClientVpn:ConnectionLog:Lookback must be between 00:02:00 and 06:00:00")]
    [InlineData("Lookback", "00:01:00", "ClientVpn:ConnectionLog:Lookback must be between")]
    [InlineData("MaxPagesPerRead", "0", "ClientVpn:ConnectionLog:MaxPagesPerRead must be between 1 and 10000")]
    [InlineData("PageSize", "10001", "ClientVpn:ConnectionLog:PageSize must be between 1 and 10000")]
    [InlineData("RequestsPerSecond", "0", "ClientVpn:ConnectionLog:RequestsPerSecond must be between 0.1 and 100")]
    [InlineData("RequestsPerSecond", "NaN", "ClientVpn:ConnectionLog:RequestsPerSecond must be between 0.1 and 100")]
    [InlineData("Burst", "0", "ClientVpn:ConnectionLog:Burst must be between 1 and 1000")]
    public void Validate_ConnectionLogOutOfRange_NamesSettingAndRange(string setting, string value, string expected)
    {
        var options = Valid();
        var log = options.ConnectionLog;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        switch (setting)
        {
            case "Interval": log.Interval = TimeSpan.Parse(value, invariant); break;
            case "Lookback": log.Lookback = TimeSpan.Parse(value, invariant); break;
            case "MaxPagesPerRead": log.MaxPagesPerRead = int.Parse(value, invariant); break;
            case "PageSize": log.PageSize = int.Parse(value, invariant); break;
            case "RequestsPerSecond": log.RequestsPerSecond = double.Parse(value, invariant); break;
            default: log.Burst = int.Parse(value, invariant); break;
        }

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith(expected, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_LookbackNotLongerThanInterval_FailsNamingBoth()
    {
        var options = Valid();
        options.ConnectionLog.Interval = TimeSpan.FromMinutes(10);
        options.ConnectionLog.Lookback = TimeSpan.FromMinutes(10);

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Equal("ClientVpn:ConnectionLog:Lookback must be longer than ClientVpn:ConnectionLog:Interval (00:10:00), so that each read overlaps the one before (got 00:10:00).", failure);
    }

    [Fact]
    public void Validate_ConnectionQuotaOutOfRangeOrBadKey_NamesEachSetting()
    {
        var options = Valid();
        options.ConnectionQuota.AllEndpoints = 0;
        options.ConnectionQuota.Endpoints["cvpn-endpoint-0123456789abcdef0"] = 10_000_001;
        options.ConnectionQuota.Endpoints["vpn-1"] = 5000;

        var failures = this.validator.Validate(null, options).Failures!.ToList();

        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("ClientVpn:ConnectionQuota:AllEndpoints must be between 1 and 10000000", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ClientVpn:ConnectionQuota:Endpoints:cvpn-endpoint-0123456789abcdef0 must be between 1", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("keyed by Client VPN endpoint ids", StringComparison.Ordinal) && f.Contains("'vpn-1'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ConnectionQuotaInRange_Succeeds()
    {
        var options = Valid();
        options.ConnectionQuota.AllEndpoints = 20_000;
        options.ConnectionQuota.Endpoints["cvpn-endpoint-0123456789abcdef0"] = 200_000;

        Assert.True(this.validator.Validate(null, options).Succeeded);
    }

    private static ExporterOptions Valid() => new() { Regions = ["us-east-1", "eu-west-1", "us-gov-west-1"] };
}

public class PrivacyValidationTests
{
    private readonly ExporterOptionsValidator validator = new();

    [Fact]
    public void Validate_HashWithoutKey_FailsWithoutEchoingAnyKey()
    {
        var options = new ExporterOptions { Regions = ["us-east-1"] };
        options.Privacy.User = LabelTreatment.Hash;
        options.Privacy.HashKey = "short-secret";

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Contains("ClientVpn:Privacy:HashKey", failure);
        Assert.DoesNotContain("short-secret", failure);
    }

    [Fact]
    public void Validate_DroppedUserWithPerUserSeries_Fails()
    {
        var options = new ExporterOptions { Regions = ["us-east-1"], PerUserMetrics = true };
        options.Privacy.User = LabelTreatment.Drop;

        Assert.Contains("ClientVpn:Privacy:User cannot be Drop", Assert.Single(this.validator.Validate(null, options).Failures!));
    }

    [Fact]
    public void Validate_PrefixLengthsOutOfRange_Fail()
    {
        var options = new ExporterOptions { Regions = ["us-east-1"] };
        options.Privacy.IPv4PrefixLength = 33;
        options.Privacy.IPv6PrefixLength = -1;

        Assert.Equal(2, this.validator.Validate(null, options).Failures!.Count());
    }

    [Fact]
    public void Validate_ApiBudgetOutOfRange_NamesEachSetting()
    {
        var options = new ExporterOptions { Regions = ["us-east-1"] };
        options.ApiBudget.RequestsPerSecond = 500;
        options.ApiBudget.Burst = 0;

        var failures = this.validator.Validate(null, options).Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("ClientVpn:ApiBudget:RequestsPerSecond"));
        Assert.Contains(failures, f => f.Contains("ClientVpn:ApiBudget:Burst"));
    }
}
