using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Health;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One endpoint as a scrape sees it: its description, whether its last poll succeeded, and the reading of its
/// last complete poll (kept when a later poll fails, so what is known keeps being served).
/// </summary>
internal sealed record EndpointView
{
    public required EndpointDescription Endpoint { get; init; }

    /// <summary>Whether the last poll of this endpoint read every page.</summary>
    public required bool Up { get; init; }

    public DateTimeOffset? LastSuccess { get; init; }

    /// <summary>The AWS error code of the current run of failed reads (<see cref="Aws.ApiOutcome"/>); null while reads succeed.</summary>
    public string? FailureCode { get; init; }

    /// <summary>
    /// True when the endpoint has failed for longer than the staleness bound: its gauges are no longer
    /// exported, since they would pretend to be current.
    /// </summary>
    public bool Stale { get; init; }

    /// <summary>The reading of the last complete poll; null until the first one.</summary>
    public EndpointReading? Reading { get; init; }

    /// <summary>
    /// The health loop's latest reading of the endpoint (certificates, CRL, SAML providers, subnets, rules, routes,
    /// quota); null until its first cycle read the endpoint. It has its own cadence (<c>ClientVpn:HealthInterval</c>),
    /// so it may be newer or older than <see cref="Reading"/>.
    /// </summary>
    public HealthReading? Health { get; init; }

    /// <summary>
    /// The attempts loop's latest reading of the endpoint's connection log (attempts by status and reason); null until its
    /// first read covered the endpoint. It has its own cadence (<c>ClientVpn:ConnectionLog:Interval</c>).
    /// </summary>
    public AttemptReading? Attempts { get; init; }
}
