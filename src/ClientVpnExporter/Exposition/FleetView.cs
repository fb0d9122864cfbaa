namespace ClientVpnExporter.Exposition;

/// <summary>
/// Every endpoint as of the end of one poll, in endpoint-id order. Scrapes read this and never wait on AWS.
/// <see cref="Sequence"/> counts the poller's publications; <see cref="PublishedAt"/> is when this one was made.
/// </summary>
internal sealed record FleetView(IReadOnlyList<EndpointView> Endpoints, long Sequence, DateTimeOffset PublishedAt)
{
    public static FleetView Empty { get; } = new([], 0, DateTimeOffset.MinValue);
}
