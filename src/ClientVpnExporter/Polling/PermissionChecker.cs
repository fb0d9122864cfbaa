using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Health;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Asks AWS, with <c>DryRun=true</c>, whether the exporter may call each action it needs in each account and
/// region: AWS answers DryRunOperation when it may and UnauthorizedOperation when it may not, without doing
/// the call. Runs with the first poll and then every <see cref="ExporterOptions.PermissionCheckInterval"/>.
/// A missing permission is logged once, naming the IAM action to grant, and shown by
/// <c>clientvpn_exporter_permission_ok</c>, which this class publishes from what it found. ACM and IAM have no DryRun:
/// the health loop reports the outcome of its real calls (<see cref="IPermissionObserver"/>) into the same gauge.
/// </summary>
internal sealed partial class PermissionChecker : IPermissionObserver
{
    private const string Granted = "DryRunOperation";
    private const string Denied = "UnauthorizedOperation";

    private readonly ConcurrentDictionary<(string Action, string Region, string AccountId), bool> states = new();
    private readonly Lock statesSync = new();
    private readonly ExporterOptions options;
    private readonly AwsApiMetrics apiMetrics;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<PermissionChecker> logger;
    private readonly Meter meter;
    private DateTimeOffset? lastCheck;

    public PermissionChecker(IOptions<ExporterOptions> options, AwsApiMetrics apiMetrics, IMeterFactory meterFactory, TimeProvider timeProvider, ILogger<PermissionChecker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.apiMetrics = apiMetrics;
        this.timeProvider = timeProvider;
        this.logger = logger;
        this.meter = ExporterMeter.Create(meterFactory, ExporterMeter.Polling);
        this.meter.CreateObservableGauge(
            "clientvpn_exporter_permission_ok",
            () => this.states.Select(s => new Measurement<long>(
                s.Value ? 1 : 0,
                new("action", s.Key.Action),
                new("region", s.Key.Region),
                new("account_id", s.Key.AccountId))),
            unit: null,
            description: "1 when the exporter may call the IAM action in the account and region, 0 when it may not: from a DryRun call for EC2, from the real call for ACM and IAM (which have no DryRun).");
    }

    /// <summary>Checks every action in <paramref name="target"/>; called for each target when <see cref="TakeDue"/> says so.</summary>
    public async Task CheckAsync(AwsTarget target, string? anyEndpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await this.CheckActionAsync(target, Ec2Operations.DescribeClientVpnEndpoints, client =>
            client.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { DryRun = true }, cancellationToken), cancellationToken);

        // The connections call needs an endpoint id; with none known yet, there is nothing to ask about.
        if (anyEndpointId is not null)
        {
            await this.CheckActionAsync(target, Ec2Operations.DescribeClientVpnConnections, client =>
                client.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
            await this.CheckActionAsync(target, Ec2Operations.DescribeClientVpnTargetNetworks, client =>
                client.DescribeClientVpnTargetNetworksAsync(new DescribeClientVpnTargetNetworksRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
            await this.CheckActionAsync(target, Ec2Operations.DescribeClientVpnAuthorizationRules, client =>
                client.DescribeClientVpnAuthorizationRulesAsync(new DescribeClientVpnAuthorizationRulesRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
            await this.CheckActionAsync(target, Ec2Operations.DescribeClientVpnRoutes, client =>
                client.DescribeClientVpnRoutesAsync(new DescribeClientVpnRoutesRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
            await this.CheckActionAsync(target, Ec2Operations.ExportClientVpnClientCertificateRevocationList, client =>
                client.ExportClientVpnClientCertificateRevocationListAsync(new ExportClientVpnClientCertificateRevocationListRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
        }
    }

    /// <summary>A real call of <paramref name="action"/> in <paramref name="target"/> showed whether it is allowed.</summary>
    public void Observed(AwsTarget target, string action, bool allowed)
    {
        ArgumentNullException.ThrowIfNull(target);
        this.Record(action, target, allowed);
    }

    /// <summary>What the checks and the health loop's calls have found so far, by account, region and action.</summary>
    public IReadOnlyList<PermissionState> States() =>
        [.. this.states
            .Select(s => new PermissionState(s.Key.Action, s.Key.AccountId, s.Key.Region, s.Value))
            .OrderBy(s => s.AccountId, StringComparer.Ordinal)
            .ThenBy(s => s.Region, StringComparer.Ordinal)
            .ThenBy(s => s.Action, StringComparer.Ordinal)];

    /// <summary>True when a check is due now; marks it done.</summary>
    public bool TakeDue()
    {
        var now = this.timeProvider.GetUtcNow();
        if (this.lastCheck is { } last && now - last < this.options.PermissionCheckInterval)
        {
            return false;
        }

        this.lastCheck = now;
        return true;
    }

    private async Task CheckActionAsync(AwsTarget target, string operation, Func<IAmazonEC2, Task> call, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            await call(target.Client);
            outcome = ApiOutcome.Success; // Only a service that ignores DryRun answers this; the call is allowed.
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = ApiOutcome.Of(ex);
        }

        this.apiMetrics.Request(target, operation, outcome);
        bool? allowed = outcome switch
        {
            Granted or ApiOutcome.Success => true,
            Denied => false,
            _ => null, // Throttled, unreachable, ...: says nothing about permissions.
        };

        if (allowed is not { } isAllowed)
        {
            return;
        }

        this.Record("ec2:" + operation, target, isAllowed);
    }

    /// <summary>Sets the gauge of <paramref name="action"/> in <paramref name="target"/>; logs when it becomes denied, or allowed again.</summary>
    private void Record(string action, AwsTarget target, bool isAllowed)
    {
        var key = (action, target.Region, target.AccountId);
        bool known, before;
        lock (this.statesSync)
        {
            // Health reads report from several tasks at once; the log must follow the one change, not each report.
            known = this.states.TryGetValue(key, out before);
            this.states[key] = isAllowed;
        }

        if (!isAllowed && (!known || before))
        {
            this.LogPermissionMissing(action, target.AccountId, target.Region);
        }
        else if (isAllowed && known && !before)
        {
            this.LogPermissionGranted(action, target.AccountId, target.Region);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The exporter may not call {Action} in account {AccountId}, region {Region} (access denied): grant {Action} to its IAM role.")]
    private partial void LogPermissionMissing(string action, LogText accountId, string region);

    [LoggerMessage(Level = LogLevel.Information, Message = "The exporter may call {Action} in account {AccountId}, region {Region} again.")]
    private partial void LogPermissionGranted(string action, LogText accountId, string region);
}
