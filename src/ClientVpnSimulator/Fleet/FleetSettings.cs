using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Fleet;

/// <summary>The population parameters every endpoint of a fleet shares, fixed at start.</summary>
/// <param name="ConnectionsPerEndpoint">The steady number of active connections per endpoint.</param>
/// <param name="ChurnPerHour">Sessions ending (and as many starting) per endpoint per simulated hour.</param>
internal sealed record FleetSettings(int ConnectionsPerEndpoint, double ChurnPerHour)
{
    /// <summary>What every endpoint's connection log follows.</summary>
    public ConnectionLogSettings ConnectionLog { get; init; } = new();

    /// <summary>The shortest session the simulator draws.</summary>
    public const long MinimumLifetimeMs = SimulatedTime.Second;

    /// <summary>
    /// The churn the population can sustain: with sessions of at least <see cref="MinimumLifetimeMs"/>,
    /// each connection ends at most once per second.
    /// </summary>
    public double EffectiveChurnPerHour =>
        Math.Min(this.ChurnPerHour, this.ConnectionsPerEndpoint * (double)SimulatedTime.Hour / MinimumLifetimeMs);

    /// <summary>
    /// The mean session length that makes <see cref="EffectiveChurnPerHour"/> sessions of a steady population
    /// end per hour: each of N sessions ends at rate 1/mean, so N/mean = churn. Infinite without churn.
    /// </summary>
    public double MeanLifetimeMs =>
        this.EffectiveChurnPerHour > 0
            ? this.ConnectionsPerEndpoint * (double)SimulatedTime.Hour / this.EffectiveChurnPerHour
            : double.PositiveInfinity;
}
