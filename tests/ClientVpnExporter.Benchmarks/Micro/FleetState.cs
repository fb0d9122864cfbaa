using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>The whole fleet after one poll: a ledger per endpoint that has seen its listing, and the snapshot they produced.</summary>
internal sealed class FleetState
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private FleetState(IReadOnlyList<EndpointLedger> ledgers, FleetView snapshot)
    {
        this.Ledgers = ledgers;
        this.Snapshot = snapshot;
    }

    public IReadOnlyList<EndpointLedger> Ledgers { get; }

    public FleetView Snapshot { get; }

    /// <summary>Applies every endpoint's listing to a fresh ledger and builds the snapshot a poll would publish.</summary>
    public static FleetState Build(FleetData data, Detail detail)
    {
        ArgumentNullException.ThrowIfNull(data);
        var ledgers = data.Listings.Select(_ => new EndpointLedger(TimeSpan.FromDays(1), DetailSettings.Reading(detail), new CountingStart())).ToList();
        return new FleetState(ledgers, ApplyAll(data, ledgers, Now));
    }

    /// <summary>What a poll does after the last page: every endpoint's listing into its ledger, then one snapshot.</summary>
    public static FleetView ApplyAll(FleetData data, IReadOnlyList<EndpointLedger> ledgers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(ledgers);
        var endpoints = new List<EndpointView>(ledgers.Count);
        for (var i = 0; i < ledgers.Count; i++)
        {
            var listing = data.Listings[i];
            var reading = ledgers[i].Apply(new ConnectionListing(listing.Parsed, [], null), now);
            endpoints.Add(new EndpointView
            {
                Endpoint = new EndpointDescription { EndpointId = listing.EndpointId, Region = "us-east-1", AccountId = "123456789012" },
                Up = true,
                LastSuccess = now,
                Reading = reading,
            });
        }

        return new FleetView(endpoints, now);
    }
}
