namespace ClientVpnExporter.Exposition;

/// <summary>Every endpoint as of the end of one poll. Scrapes read this and never wait on AWS.</summary>
internal sealed record FleetView(IReadOnlyList<EndpointView> Endpoints, DateTimeOffset CompletedAt)
{
    public static FleetView Empty { get; } = new([], DateTimeOffset.MinValue);
}
