using ClientVpnSimulator.Faults;

namespace ClientVpnSimulator.Control;

/// <summary>Everything the simulator knows, at one simulated instant: what an exporter's output is checked against.</summary>
/// <param name="Now">The instant, UTC.</param>
/// <param name="Endpoints">Every endpoint ever created, deleted ones included, account by account, each in creation order.</param>
/// <param name="Requests">Requests received per implemented action (EC2 and STS) over every account, errors included.</param>
/// <param name="RequestsByAccount">The same by account the requests acted in, then action.</param>
/// <param name="Faults">Faults injected so far, by kind.</param>
internal sealed record GroundTruth(
    DateTime Now,
    IReadOnlyList<EndpointTruth> Endpoints,
    IReadOnlyDictionary<string, long> Requests,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, long>> RequestsByAccount,
    FaultTotals Faults);
