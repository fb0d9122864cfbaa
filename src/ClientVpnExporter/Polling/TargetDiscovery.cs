using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Polling;

/// <summary>What discovery in one target gave this poll.</summary>
/// <param name="Target">The account and region discovered.</param>
/// <param name="Found">The endpoints it listed; its last good answer when it failed.</param>
/// <param name="Answered">Whether it succeeded this poll: only then does an endpoint it did not list count as missed.</param>
/// <param name="IsFirstAnswer">Whether this is its first success: what it finds was there before the exporter, a baseline.</param>
internal sealed record TargetDiscovery(AwsTarget Target, IReadOnlyList<EndpointDescription> Found, bool Answered, bool IsFirstAnswer);
