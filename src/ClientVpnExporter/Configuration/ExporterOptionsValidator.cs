using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Checks <see cref="ExporterOptions"/> at startup. Each failure names the setting, the allowed values and
/// what was given, so a wrong value stops the exporter with a message that says how to fix it.
/// </summary>
internal sealed partial class ExporterOptionsValidator : IValidateOptions<ExporterOptions>
{
    private const string Prefix = ExporterOptions.SectionName + ":";

    public ValidateOptionsResult Validate(string? name, ExporterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateTargets(options, failures);
        var pollIntervalValid = ValidatePolling(options, failures);
        ValidateStateFile(options.StateFile, failures);
        ValidateUrl("ServiceUrl", options.ServiceUrl, failures);
        ValidateUrl("StsServiceUrl", options.StsServiceUrl, failures);
        ValidateUrl("AcmServiceUrl", options.AcmServiceUrl, failures);
        ValidateUrl("IamServiceUrl", options.IamServiceUrl, failures);
        ValidateUrl("OrganizationsServiceUrl", options.OrganizationsServiceUrl, failures);
        ValidateUrl("LogsServiceUrl", options.LogsServiceUrl, failures);
        ValidateAccounts(options, failures);
        ValidateIntervals(options, pollIntervalValid, failures);
        ValidatePrivacy(options, failures);
        ValidateBudget(options.ApiBudget, failures);
        ValidateRetention(options, failures);
        ValidateConnectionQuota(options.ConnectionQuota, failures);
        ValidateSharding(options.Sharding, failures);
        ValidateConnectionLog(options.ConnectionLog, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTargets(ExporterOptions options, List<string> failures)
    {
        ValidateRegions(Prefix, options.Regions, failures);

        if (options.Regions.Count == 0 && ConfiguredRegions.Resolve(options).Count == 0)
        {
            failures.Add($"{Prefix}Regions is empty and the AWS SDK found no default region: set {Prefix}Regions:0 (e.g. us-east-1) or AWS_REGION.");
        }

        for (var i = 0; i < options.EndpointIds.Count; i++)
        {
            if (!EndpointIdPattern().IsMatch(options.EndpointIds[i] ?? ""))
            {
                failures.Add($"{Prefix}EndpointIds:{i} must be a Client VPN endpoint id such as cvpn-endpoint-0123456789abcdef0 (got '{options.EndpointIds[i]}').");
            }
        }

        foreach (var key in options.EndpointTags.Keys.Where(string.IsNullOrWhiteSpace))
        {
            failures.Add($"{Prefix}EndpointTags must not have an empty tag key (got '{key}').");
        }
    }

    /// <returns>Whether the poll interval is valid, which the stale-after bound depends on.</returns>
    private static bool ValidatePolling(ExporterOptions options, List<string> failures)
    {
        var pollIntervalValid = options.PollInterval >= ExporterOptions.MinPollInterval && options.PollInterval <= ExporterOptions.MaxPollInterval;
        if (!pollIntervalValid)
        {
            failures.Add($"{Prefix}PollInterval must be between {ExporterOptions.MinPollInterval:c} and {ExporterOptions.MaxPollInterval:c}, well inside the API's 60-minute window of ended sessions (got {options.PollInterval:c}).");
        }

        if (options.PageSize is < 5 or > 1000)
        {
            failures.Add($"{Prefix}PageSize must be between 5 and 1000 (got {options.PageSize}).");
        }

        if (options.MaxConcurrentEndpoints is < 1 or > 64)
        {
            failures.Add($"{Prefix}MaxConcurrentEndpoints must be between 1 and 64 (got {options.MaxConcurrentEndpoints}).");
        }

        if (options.MaxConcurrentTargets is < 1 or > 256)
        {
            failures.Add($"{Prefix}MaxConcurrentTargets must be between 1 and 256 (got {options.MaxConcurrentTargets}).");
        }

        return pollIntervalValid;
    }

    private static void ValidateStateFile(string? stateFile, List<string> failures)
    {
        if (stateFile is not null && (stateFile.Length == 0 ? "it is empty; leave it unset for none." : Persistence.StateFile.ProblemWriting(stateFile)) is { } problem)
        {
            failures.Add($"{Prefix}StateFile cannot be used: {problem}");
        }
    }

    private static void ValidateIntervals(ExporterOptions options, bool pollIntervalValid, List<string> failures)
    {
        // Two poll intervals only of a valid one: twice an absurd interval overflows.
        var minStaleAfter = pollIntervalValid ? options.PollInterval * 2 : TimeSpan.Zero;
        if (options.StaleAfter is { } staleAfter && (staleAfter < minStaleAfter || staleAfter > TimeSpan.FromDays(1)))
        {
            failures.Add($"{Prefix}StaleAfter must be at least two poll intervals ({minStaleAfter:c}) and at most 1.00:00:00 (got {staleAfter:c}).");
        }

        if (options.PermissionCheckInterval < TimeSpan.FromMinutes(1) || options.PermissionCheckInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Prefix}PermissionCheckInterval must be between 00:01:00 and 1.00:00:00 (got {options.PermissionCheckInterval:c}).");
        }

        if (options.HealthInterval < ExporterOptions.MinHealthInterval || options.HealthInterval > ExporterOptions.MaxHealthInterval)
        {
            failures.Add($"{Prefix}HealthInterval must be between {ExporterOptions.MinHealthInterval:c} and {ExporterOptions.MaxHealthInterval:c} (got {options.HealthInterval:c}).");
        }
    }

    private static void ValidateConnectionLog(ConnectionLogOptions log, List<string> failures)
    {
        var prefix = Prefix + "ConnectionLog:";
        var intervalValid = log.Interval >= ConnectionLogOptions.MinInterval && log.Interval <= ConnectionLogOptions.MaxInterval;
        if (!intervalValid)
        {
            failures.Add($"{prefix}Interval must be between {ConnectionLogOptions.MinInterval:c} and {ConnectionLogOptions.MaxInterval:c} (got {log.Interval:c}).");
        }

        if (log.Lookback < ConnectionLogOptions.MinLookback || log.Lookback > ConnectionLogOptions.MaxLookback)
        {
            failures.Add($"{prefix}Lookback must be between {ConnectionLogOptions.MinLookback:c} and {ConnectionLogOptions.MaxLookback:c}, longer than CloudWatch Logs takes to make an event searchable (got {log.Lookback:c}).");
        }
        else if (intervalValid && log.Lookback <= log.Interval)
        {
            // Each read must overlap the one before, or events between the two windows are never read.
            failures.Add($"{prefix}Lookback must be longer than {prefix}Interval ({log.Interval:c}), so that each read overlaps the one before (got {log.Lookback:c}).");
        }

        if (log.MaxPagesPerRead is < 1 or > 10_000)
        {
            failures.Add($"{prefix}MaxPagesPerRead must be between 1 and 10000 (got {log.MaxPagesPerRead}).");
        }

        if (log.PageSize is < 1 or > ConnectionLogOptions.MaxPageSize)
        {
            failures.Add($"{prefix}PageSize must be between 1 and {ConnectionLogOptions.MaxPageSize}, FilterLogEvents' limit (got {log.PageSize}).");
        }

        if (log.RequestsPerSecond is < 0.1 or > 100 || double.IsNaN(log.RequestsPerSecond))
        {
            failures.Add($"{prefix}RequestsPerSecond must be between 0.1 and 100; CloudWatch Logs allows FilterLogEvents 5 per second per account and region (got {log.RequestsPerSecond}).");
        }

        if (log.Burst is < 1 or > 1000)
        {
            failures.Add($"{prefix}Burst must be between 1 and 1000 (got {log.Burst}).");
        }
    }

    private static void ValidateConnectionQuota(ConnectionQuotaOptions quota, List<string> failures)
    {
        var prefix = Prefix + "ConnectionQuota:";
        if (quota.AllEndpoints is { } all && all is < 1 or > ConnectionQuotaOptions.MaxQuota)
        {
            failures.Add($"{prefix}AllEndpoints must be between 1 and {ConnectionQuotaOptions.MaxQuota} connections (got {all}).");
        }

        foreach (var (endpointId, value) in quota.Endpoints)
        {
            if (!EndpointIdPattern().IsMatch(endpointId))
            {
                failures.Add($"{prefix}Endpoints must be keyed by Client VPN endpoint ids such as cvpn-endpoint-0123456789abcdef0 (got '{SettingsSchema.Shown(endpointId)}').");
            }
            else if (value is < 1 or > ConnectionQuotaOptions.MaxQuota)
            {
                failures.Add($"{prefix}Endpoints:{endpointId} must be between 1 and {ConnectionQuotaOptions.MaxQuota} connections (got {value}).");
            }
        }
    }

    private static void ValidateBudget(ApiBudgetOptions budget, List<string> failures)
    {
        if (budget.RequestsPerSecond is < 0.1 or > 100 || double.IsNaN(budget.RequestsPerSecond))
        {
            failures.Add($"{Prefix}ApiBudget:RequestsPerSecond must be between 0.1 and 100 (got {budget.RequestsPerSecond}); AWS refills an account's Describe budget at 20 per second.");
        }

        if (budget.Burst is < 1 or > 100)
        {
            failures.Add($"{Prefix}ApiBudget:Burst must be between 1 and 100 (got {budget.Burst}); AWS's own bucket holds 100.");
        }

        if (budget.RequestTimeout < TimeSpan.FromSeconds(1) || budget.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Prefix}ApiBudget:RequestTimeout must be between 00:00:01 and 00:05:00 (got {budget.RequestTimeout:c}).");
        }

        if (budget.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{Prefix}ApiBudget:MaxRetries must be between 0 and 10 (got {budget.MaxRetries}).");
        }
    }

    private static void ValidateRetention(ExporterOptions options, List<string> failures)
    {
        if (options.ScrapeCacheDuration < TimeSpan.Zero || options.ScrapeCacheDuration > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{Prefix}ScrapeCacheDuration must be between 00:00:00 and 00:01:00 (got {options.ScrapeCacheDuration:c}).");
        }

        if (options.UserRetention < TimeSpan.Zero || options.UserRetention > TimeSpan.FromDays(31))
        {
            failures.Add($"{Prefix}UserRetention must be between 00:00:00 and 31.00:00:00 (got {options.UserRetention:c}).");
        }
    }

    private static void ValidateSharding(ShardingOptions sharding, List<string> failures)
    {
        if (sharding.Shards is < 1 or > ShardingOptions.MaxShards)
        {
            failures.Add($"{Prefix}Sharding:Shards must be between 1 and {ShardingOptions.MaxShards} (got {sharding.Shards}).");
        }
        else if (ShardIndex.Resolve(sharding, ShardIndex.HostName()).Problem is { } problem)
        {
            failures.Add(problem);
        }
    }

    private static void ValidateRegions(string prefix, List<string> regions, List<string> failures)
    {
        for (var i = 0; i < regions.Count; i++)
        {
            if (!RegionPattern().IsMatch(regions[i] ?? ""))
            {
                failures.Add($"{prefix}Regions:{i} must be an AWS region name such as us-east-1 (got '{regions[i]}').");
            }
        }
    }

    private static void ValidateUrl(string setting, string? url, List<string> failures)
    {
        if (url is not null
            && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{Prefix}{setting} must be an absolute http:// or https:// URL (got '{url}').");
        }
    }

    private static void ValidateAccounts(ExporterOptions options, List<string> failures)
    {
        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            var prefix = $"{Prefix}Accounts:{i}:";
            if (!RoleArnPattern().IsMatch(account.RoleArn ?? ""))
            {
                failures.Add($"{prefix}RoleArn must be an IAM role ARN such as arn:aws:iam::123456789012:role/clientvpn-exporter (got '{account.RoleArn}').");
            }

            if (account.ExternalId is { } externalId && !ExternalIdPattern().IsMatch(externalId))
            {
                failures.Add($"{prefix}ExternalId must be 2 to 1224 characters of letters, digits and +=,.@:/- (it is not; the value is not shown).");
            }

            if (!SessionNamePattern().IsMatch(account.SessionName ?? ""))
            {
                failures.Add($"{prefix}SessionName must be 2 to 64 characters of letters, digits and +=,.@- (got '{account.SessionName}').");
            }

            ValidateRegions(prefix, account.Regions, failures);
        }

        var duplicates = options.Accounts.GroupBy(a => a.RoleArn, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        foreach (var duplicate in duplicates)
        {
            failures.Add($"{Prefix}Accounts lists the role '{duplicate}' more than once.");
        }
    }

    private static void ValidatePrivacy(ExporterOptions options, List<string> failures)
    {
        var privacy = options.Privacy;
        var prefix = Prefix + "Privacy:";
        foreach (var (name, treatment) in new[] { ("User", privacy.User), ("CommonName", privacy.CommonName) })
        {
            if (treatment is not (LabelTreatment.Keep or LabelTreatment.Hash or LabelTreatment.Drop))
            {
                failures.Add($"{prefix}{name} must be Keep, Hash or Drop (got {treatment}).");
            }
        }

        if (!Enum.IsDefined(privacy.ClientIp))
        {
            failures.Add($"{prefix}ClientIp must be Keep, Hash, Drop or Prefix (got {privacy.ClientIp}).");
        }

        var hashing = privacy.User == LabelTreatment.Hash || privacy.CommonName == LabelTreatment.Hash || privacy.ClientIp == LabelTreatment.Hash;
        if (hashing && (privacy.HashKey is null || privacy.HashKey.Length < 16))
        {
            // The key itself is never echoed: it is a secret.
            failures.Add($"{prefix}HashKey must be set, at least 16 characters, when a label is hashed (it is {(privacy.HashKey is null ? "not set" : "too short")}).");
        }

        if (privacy.User == LabelTreatment.Drop && options.PerUserMetrics)
        {
            failures.Add($"{prefix}User cannot be Drop while {Prefix}PerUserMetrics is true: per-user series are keyed by user (use Hash, or turn per-user series off).");
        }

        if (privacy.IPv4PrefixLength is < 0 or > 32)
        {
            failures.Add($"{prefix}IPv4PrefixLength must be between 0 and 32 (got {privacy.IPv4PrefixLength}).");
        }

        if (privacy.IPv6PrefixLength is < 0 or > 128)
        {
            failures.Add($"{prefix}IPv6PrefixLength must be between 0 and 128 (got {privacy.IPv6PrefixLength}).");
        }
    }

    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}$")]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex("^[\\w+=,.@:/-]{2,1224}$")]
    private static partial Regex ExternalIdPattern();

    [GeneratedRegex("^[\\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();

    [GeneratedRegex("^cvpn-endpoint-[0-9a-f]{8,17}$")]
    private static partial Regex EndpointIdPattern();
}
