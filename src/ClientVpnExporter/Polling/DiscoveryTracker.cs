using System.Collections.Concurrent;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>
/// Discovers each target's endpoints and remembers its last good answer: discovery failing says nothing about the
/// endpoints themselves, so the ones found before keep being read. A failure is logged when its code changes, and its
/// recovery once. Only successful discoveries count an endpoint as missed (<see cref="CountMissed"/>). Targets are
/// discovered at the same time, each by one task.
/// </summary>
internal sealed partial class DiscoveryTracker(EndpointDiscovery discovery, ILogger<DiscoveryTracker> logger)
{
    /// <summary>The status discovery gives an endpoint that is being deleted: it counts as not listed.</summary>
    public const string DeletedStatus = "deleted";

    private readonly ConcurrentDictionary<string, IReadOnlyList<EndpointDescription>> lastAnswers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> failures = new(StringComparer.Ordinal);

    /// <summary>The error codes of the targets whose last discovery failed.</summary>
    public IReadOnlyCollection<string> FailureCodes => [.. this.failures.Values];

    public async Task<TargetDiscovery> DiscoverAsync(AwsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var first = !this.lastAnswers.ContainsKey(target.Key);
        try
        {
            var found = await discovery.DiscoverAsync(target, cancellationToken);
            this.lastAnswers[target.Key] = found;
            if (this.failures.TryRemove(target.Key, out _))
            {
                this.LogRecovered(target.Region, target.AccountId);
            }

            return new TargetDiscovery(target, found, Answered: true, IsFirstAnswer: first);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var code = ApiOutcome.Of(ex);
            if (!this.failures.TryGetValue(target.Key, out var previous) || previous != code)
            {
                this.LogFailed(target.Region, target.AccountId, code, ex.Message);
            }

            this.failures[target.Key] = code;
            return new TargetDiscovery(target, this.lastAnswers.GetValueOrDefault(target.Key, []), Answered: false, IsFirstAnswer: false);
        }
    }

    /// <summary>Forgets the targets not among <paramref name="targets"/>: their failures no longer make a poll partial.</summary>
    public void Retain(IReadOnlyList<AwsTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var current = targets.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var key in this.lastAnswers.Keys.Concat(this.failures.Keys).Where(k => !current.Contains(k)).ToList())
        {
            this.lastAnswers.TryRemove(key, out _);
            this.failures.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// Counts, for each of <paramref name="endpoints"/> of the discovered target, whether the discovery listed it (not as
    /// deleted). A failed discovery neither counts nor resets.
    /// </summary>
    public static void CountMissed(TargetDiscovery discovered, IEnumerable<TrackedEndpoint> endpoints)
    {
        ArgumentNullException.ThrowIfNull(discovered);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!discovered.Answered)
        {
            return;
        }

        var listed = discovered.Found.Where(e => e.Status != DeletedStatus).Select(e => e.EndpointId).ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Where(e => e.TargetKey == discovered.Target.Key))
        {
            endpoint.Health.Discovered(listed.Contains(endpoint.Description.EndpointId));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discovery of Client VPN endpoints in {Region} of account {AccountId} failed ({ErrorCode}): {Reason}. Reading the endpoints found before.")]
    private partial void LogFailed(string region, LogText accountId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discovery of Client VPN endpoints in {Region} of account {AccountId} works again.")]
    private partial void LogRecovered(string region, LogText accountId);
}
