namespace ClientVpnSimulator.Control;

/// <summary>Everything the simulator knows, at one simulated instant: what an exporter's output is checked against.</summary>
/// <param name="Now">The instant, UTC.</param>
/// <param name="Endpoints">Every endpoint ever created, deleted ones included, in creation order.</param>
/// <param name="Requests">EC2 requests received per action, errors included.</param>
internal sealed record GroundTruth(DateTime Now, IReadOnlyList<EndpointTruth> Endpoints, IReadOnlyDictionary<string, long> Requests);
