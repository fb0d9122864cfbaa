using System.Collections.Concurrent;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Keeps the targets of an organisation current, in the background: reads the accounts (<see cref="OrganizationAccounts"/>)
/// at start and every <see cref="OrganizationOptions.RefreshInterval"/>, and with <c>Regions: [all]</c> each account's
/// enabled regions (<see cref="EnabledRegions"/>, concurrently up to <see cref="ExporterOptions.MaxConcurrentTargets"/>),
/// then makes them the targets (<see cref="AwsTargets.Replace"/>). A failed read keeps the last list, says so in a metric
/// and one log line, and is tried again after a poll interval until one works. An account whose regions cannot be read
/// keeps its last regions. Accounts that join are read from the next poll; those that leave or are suspended are not,
/// and the poll then drops their endpoints' series. <see cref="OrganizationRefreshService"/> runs it.
/// </summary>
internal sealed partial class OrganizationRefresh(
    AwsTargets targets,
    OrganizationAccounts accounts,
    EnabledRegions enabledRegions,
    OrganizationMetrics metrics,
    AccountIdentity identity,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<OrganizationRefresh> logger) : IDisposable
{
    private readonly ExporterOptions options = options.Value;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> regionsByRole = new(StringComparer.Ordinal);
    private AwsTarget? management;
    private IReadOnlyList<string> kept = [];
    private bool everSucceeded;

    /// <summary>Reads the organisation once and replaces the targets; false when the account list could not be read.</summary>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken)
    {
        await this.gate.WaitAsync(cancellationToken);
        try
        {
            return await this.RefreshOnceAsync(cancellationToken);
        }
        finally
        {
            this.gate.Release();
        }
    }

    public void Dispose() => this.gate.Dispose();

    /// <summary>How long to wait after a refresh: the refresh interval, or a poll interval (if shorter) while none has worked.</summary>
    public TimeSpan DelayAfter(bool succeeded)
    {
        var interval = this.options.Organization.RefreshInterval;
        return succeeded || interval < this.options.PollInterval ? interval : this.options.PollInterval;
    }

    private async Task<bool> RefreshOnceAsync(CancellationToken cancellationToken)
    {
        this.management ??= targets.Management();
        await identity.LearnAsync([this.management], cancellationToken);
        OrganizationReading reading;
        try
        {
            reading = await accounts.ReadAsync(this.management.Services.Organizations, cancellationToken);
        }
        catch (OrganizationRefreshException ex)
        {
            metrics.Failed(ex.Reason);
            this.LogRefreshFailed(ex.Reason, ex.Message, this.everSucceeded ? "keeping the last list of " + this.kept.Count + " accounts" : "no account is read until one works");
            targets.KnownEmpty();
            return false;
        }

        var roles = reading.Kept.Select(this.RoleOf).ToList();
        var regions = await this.RegionsAsync(roles, cancellationToken);
        targets.Replace([.. roles.SelectMany(role => regions.GetValueOrDefault(role, []).Select(region => (role, region)))]);

        var joined = reading.Kept.Except(this.kept, StringComparer.Ordinal).Count();
        var left = this.kept.Except(reading.Kept, StringComparer.Ordinal).Count();
        if (!this.everSucceeded || joined > 0 || left > 0)
        {
            this.LogRefreshed(reading.Kept.Count, joined, left, reading.Excluded, reading.Inactive, targets.Seen, targets.Targets.Count);
        }

        this.kept = reading.Kept;
        this.everSucceeded = true;
        metrics.Succeeded(reading, timeProvider.GetUtcNow());
        return true;
    }

    /// <summary>The regions of each role's account: the configured ones, or each account's enabled ones, its last ones where DescribeRegions fails.</summary>
    private async Task<Dictionary<string, IReadOnlyList<string>>> RegionsAsync(List<string> roles, CancellationToken cancellationToken)
    {
        if (!ConfiguredRegions.AreAll(this.options))
        {
            var configured = ConfiguredRegions.Resolve(this.options);
            return roles.ToDictionary(role => role, _ => configured, StringComparer.Ordinal);
        }

        var home = ConfiguredRegions.Home(this.options);
        var failures = new ConcurrentQueue<(string Role, Exception Failure)>();
        await Parallel.ForEachAsync(
            roles,
            new ParallelOptions { MaxDegreeOfParallelism = this.options.MaxConcurrentTargets, CancellationToken = cancellationToken },
            async (role, token) =>
            {
                try
                {
                    this.regionsByRole[role] = await enabledRegions.ReadAsync(targets.For(role, home), token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    failures.Enqueue((role, ex));
                }
            });

        foreach (var role in this.regionsByRole.Keys.Except(roles, StringComparer.Ordinal).ToList())
        {
            this.regionsByRole.TryRemove(role, out _);
        }

        if (failures.TryPeek(out var first))
        {
            metrics.Failed("describe_regions", failures.Count);
            this.LogRegionsFailed(failures.Count, AwsAccounts.AccountIdOf(first.Role) ?? first.Role, ApiOutcome.Of(first.Failure), first.Failure.Message);
        }

        return new Dictionary<string, IReadOnlyList<string>>(this.regionsByRole, StringComparer.Ordinal);
    }

    private string RoleOf(string accountId) =>
        $"arn:{AwsPartitionName(ConfiguredRegions.Home(this.options))}:iam::{accountId}:role/{this.options.Organization.RoleName}";

    private static string AwsPartitionName(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn" : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the organisation's accounts failed at {Reason}: {Detail}; {Outcome}.")]
    private partial void LogRefreshFailed(string reason, LogText detail, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "DescribeRegions failed in {Accounts} accounts (first {AccountId}, {ErrorCode}: {Reason}); they keep the regions read before, if any.")]
    private partial void LogRegionsFailed(int accounts, string accountId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organisation read: {Kept} accounts kept ({Joined} joined, {Left} left), {Excluded} excluded by the filters, {Inactive} not active; {Seen} targets, {Owned} read by this shard.")]
    private partial void LogRefreshed(int kept, int joined, int left, int excluded, int inactive, int seen, int owned);
}
