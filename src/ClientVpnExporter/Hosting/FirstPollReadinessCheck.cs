using ClientVpnExporter.Polling;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientVpnExporter.Hosting;

/// <summary>
/// Ready once the first poll has completed, so <c>/metrics</c> has something true to say. Before that the check is
/// <see cref="HealthStatus.Degraded"/>, not unhealthy: nothing is wrong, the exporter is starting. <c>/readyz</c> answers
/// 503 for it all the same (<see cref="ReadinessStatusCodes"/>), and, unlike an unhealthy result, it logs no error line on
/// every probe.
/// </summary>
internal sealed class FirstPollReadinessCheck(FleetPoller poller) : IHealthCheck
{
    /// <summary>The HTTP status of <c>/readyz</c> for each result: ready only when healthy.</summary>
    public static IDictionary<HealthStatus, int> ReadinessStatusCodes => new Dictionary<HealthStatus, int>
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    };

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(poller.CompletedPolls > 0
            ? HealthCheckResult.Healthy($"{poller.CompletedPolls} polls completed.")
            : HealthCheckResult.Degraded("The first poll has not completed yet."));
}
