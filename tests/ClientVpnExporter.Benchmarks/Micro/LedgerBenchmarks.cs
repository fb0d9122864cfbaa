using BenchmarkDotNet.Attributes;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Benchmarks.Micro;

/// <summary>
/// The totals ledger of one endpoint (about 20,000 listed connections of 5,000 users) taking a poll's listing in
/// steady state: every connection already followed, every counter a little higher than last time.
/// </summary>
[MemoryDiagnoser]
public class LedgerBenchmarks
{
    private EndpointLedger ledger = new(TimeSpan.FromDays(1), ReadingDetail.None, new CountingStart());
    private ConnectionListing[] listings = [];
    private int poll;

    [Params(Detail.Default, Detail.PerUser, Detail.PerConnection)]
    public Detail Detail { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var listing = FleetData.Instance.Listings[0].Parsed;

        // Two listings whose counters alternate between two values: every apply sees an increase on half of them.
        var grown = listing.Select(c => c with
        {
            IngressBytes = c.IngressBytes + 1000,
            EgressBytes = c.EgressBytes + 4000,
            IngressPackets = c.IngressPackets + 5,
            EgressPackets = c.EgressPackets + 5,
        }).ToList();
        this.listings = [new ConnectionListing(listing, [], null), new ConnectionListing(grown, [], null)];
        this.ledger = new EndpointLedger(TimeSpan.FromDays(1), DetailSettings.Reading(this.Detail), new CountingStart());
        this.ledger.Apply(this.listings[0], FleetState.Now);
    }

    [Benchmark(Description = "EndpointLedger.Apply: one endpoint")]
    public int Apply()
    {
        this.poll++;
        return this.ledger.Apply(this.listings[this.poll % 2], FleetState.Now).ConnectionCounts.Count;
    }
}
