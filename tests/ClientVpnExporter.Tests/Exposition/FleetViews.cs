using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Exposition;

/// <summary>Readings from a real ledger and fleet views of them, for the exposition tests.</summary>
internal static class FleetViews
{
    /// <summary>What a fresh ledger reads from <paramref name="listing"/>, with the detail asked for.</summary>
    public static EndpointReading ReadingOf(ParsedConnection[] listing, ReadingDetail detail = ReadingDetail.Users | ReadingDetail.Connections) =>
        SampleConnections.Ledger(detail).Apply(SampleConnections.Listing(listing), SampleConnections.Start);

    /// <summary>The next reading of <paramref name="ledger"/>.</summary>
    public static EndpointReading Next(EndpointLedger ledger, ParsedConnection[] listing) =>
        ledger.Apply(SampleConnections.Listing(listing), SampleConnections.Start);

    /// <summary>A view of endpoints that are up, or stale where asked.</summary>
    public static FleetView Fleet(params (string Id, bool Stale, EndpointReading Reading)[] endpoints) => new(
        [.. endpoints.Select(e => new EndpointView
        {
            Endpoint = new EndpointDescription { EndpointId = e.Id, Region = "us-east-1" },
            Up = !e.Stale,
            Stale = e.Stale,
            LastSuccess = SampleConnections.Start,
            Reading = e.Reading,
        })],
        1,
        SampleConnections.Start);

    public static FleetView Fleet(params (string Id, EndpointReading Reading)[] endpoints) =>
        Fleet([.. endpoints.Select(e => (e.Id, false, e.Reading))]);
}
