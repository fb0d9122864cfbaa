namespace ClientVpnExporter.State;

/// <summary>Every endpoint as of the end of one poll. Scrapes read this and never wait on AWS.</summary>
internal sealed record FleetSnapshot(IReadOnlyList<EndpointSnapshot> Endpoints, DateTimeOffset CompletedAt)
{
    public static FleetSnapshot Empty { get; } = new([], DateTimeOffset.MinValue);
}
