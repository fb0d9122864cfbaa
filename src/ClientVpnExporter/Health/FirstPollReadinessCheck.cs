using ClientVpnExporter.Collection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientVpnExporter.Health;

/// <summary>Ready once the first poll has completed, so <c>/metrics</c> has something true to say.</summary>
internal sealed class FirstPollReadinessCheck(FleetPoller poller) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(poller.CompletedPolls > 0
            ? HealthCheckResult.Healthy($"{poller.CompletedPolls} polls completed.")
            : HealthCheckResult.Unhealthy("The first poll has not completed yet."));
}
