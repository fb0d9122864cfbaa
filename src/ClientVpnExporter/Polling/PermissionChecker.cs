using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Asks AWS, with <c>DryRun=true</c>, whether the exporter may call each action it needs in each account and
/// region: AWS answers DryRunOperation when it may and UnauthorizedOperation when it may not, without doing
/// the call. Runs with the first poll and then every <see cref="ExporterOptions.PermissionCheckInterval"/>.
/// A missing permission is logged once, naming the IAM action to grant, and shown by
/// <c>clientvpn_exporter_permission_ok</c>.
/// </summary>
internal sealed partial class PermissionChecker(ExporterOptions options, ExporterSelfMetrics selfMetrics, TimeProvider timeProvider, ILogger logger)
{
    private const string Granted = "DryRunOperation";
    private const string Denied = "UnauthorizedOperation";

    private readonly ConcurrentDictionary<(string Action, string Region, string AccountId), bool> states = new();
    private DateTimeOffset? lastCheck;

    /// <summary>Whether each action is allowed, by action, region and account; absent while not known.</summary>
    public IReadOnlyDictionary<(string Action, string Region, string AccountId), bool> States => this.states;

    /// <summary>Checks every action in <paramref name="target"/>; called for each target when <see cref="TakeDue"/> says so.</summary>
    public async Task CheckAsync(AwsTarget target, string accountId, string? anyEndpointId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        await this.CheckActionAsync(target, accountId, Ec2Operations.DescribeClientVpnEndpoints, client =>
            client.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest { DryRun = true }, cancellationToken), cancellationToken);

        // The connections call needs an endpoint id; with none known yet, there is nothing to ask about.
        if (anyEndpointId is not null)
        {
            await this.CheckActionAsync(target, accountId, Ec2Operations.DescribeClientVpnConnections, client =>
                client.DescribeClientVpnConnectionsAsync(new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = anyEndpointId, DryRun = true }, cancellationToken), cancellationToken);
        }
    }

    /// <summary>True when a check is due now; marks it done.</summary>
    public bool TakeDue()
    {
        var now = timeProvider.GetUtcNow();
        if (this.lastCheck is { } last && now - last < options.PermissionCheckInterval)
        {
            return false;
        }

        this.lastCheck = now;
        return true;
    }

    private async Task CheckActionAsync(AwsTarget target, string accountId, string operation, Func<IAmazonEC2, Task> call, CancellationToken cancellationToken)
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

        selfMetrics.ApiRequest(operation, target.Region, accountId, outcome);
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

        var key = ("ec2:" + operation, target.Region, accountId);
        var known = this.states.TryGetValue(key, out var before);
        this.states[key] = isAllowed;
        if (!isAllowed && (!known || before))
        {
            this.LogPermissionMissing("ec2:" + operation, accountId, target.Region);
        }
        else if (isAllowed && known && !before)
        {
            this.LogPermissionGranted("ec2:" + operation, accountId, target.Region);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The exporter may not call {Action} in account {AccountId}, region {Region} (UnauthorizedOperation): grant {Action} to its IAM role.")]
    private partial void LogPermissionMissing(string action, LogText accountId, string region);

    [LoggerMessage(Level = LogLevel.Information, Message = "The exporter may call {Action} in account {AccountId}, region {Region} again.")]
    private partial void LogPermissionGranted(string action, LogText accountId, string region);
}
