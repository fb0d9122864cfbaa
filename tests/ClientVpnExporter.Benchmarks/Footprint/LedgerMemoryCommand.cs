using System.Globalization;
using System.Text;
using ClientVpnExporter.Benchmarks.Micro;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Benchmarks.Footprint;

/// <summary>
/// <c>memory</c>: the managed bytes a poll's data takes, per listed connection, on the fleet read once from an
/// in-process simulator: the ledgers once they have taken a listing (what the exporter keeps between polls), one
/// endpoint's parsed listing (what a read holds until the endpoint is complete) and the reading each metric set
/// publishes. Each figure is the live heap after a full compacting collection with the thing held, less the live heap
/// without it; the strings are fresh copies, as they are in the exporter, where nothing else holds them.
/// </summary>
internal static class LedgerMemoryCommand
{
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var data = FleetData.Instance;
        var listed = data.Listings.Sum(l => l.Parsed.Count);
        var text = new StringBuilder();
        Line(text, $"Fleet: {data.Listings.Count} endpoints, {listed:N0} listed connections ({data.Listings[0].Parsed.Count:N0} in the first endpoint's listing).");
        Line(text, "");
        Line(text, "| what | metric set | bytes | bytes per listed connection |");
        Line(text, "| --- | --- | ---: | ---: |");

        var oneListing = Retained(() => Copy(data.Listings[0].Parsed));
        Row(text, "one endpoint's parsed listing, in flight", "any", oneListing, data.Listings[0].Parsed.Count);
        foreach (var detail in new[] { Detail.Default, Detail.PerUser, Detail.PerConnection })
        {
            // The listings are made and dropped inside the measured part: the ledger keeps what it keeps of them.
            var both = Retained(() =>
            {
                var listings = data.Listings.Select(l => Copy(l.Parsed)).ToList();
                var kept = new List<(EndpointLedger, EndpointReading)>();
                foreach (var listing in listings)
                {
                    var ledger = new EndpointLedger(TimeSpan.FromDays(1), DetailSettings.Reading(detail), new CountingStart());
                    kept.Add((ledger, ledger.Apply(new ConnectionListing(listing, [], null), FleetState.Now)));
                }

                listings.Clear();
                return kept;
            });
            var readings = Readings(data, detail);
            Row(text, "the ledgers", Name(detail), both - readings, listed);
            Row(text, "the readings they publish", Name(detail), readings, listed);
            Row(text, "both, what a poll leaves live", Name(detail), both, listed);
        }

        output.Write(text.ToString());
        return 0;
    }

    // The readings a poll publishes, held on their own (their ledgers dropped).
    private static long Readings(FleetData data, Detail detail)
    {
        return Retained(() =>
        {
            var listings = data.Listings.Select(l => Copy(l.Parsed)).ToList();
            var ledgers = listings.Select(_ => new EndpointLedger(TimeSpan.FromDays(1), DetailSettings.Reading(detail), new CountingStart())).ToList();
            var readings = ledgers.Select((ledger, i) => ledger.Apply(new ConnectionListing(listings[i], [], null), FleetState.Now)).ToList();
            listings.Clear();
            ledgers.Clear();
            return readings;
        });
    }

    /// <summary>The live managed bytes <paramref name="make"/>'s result holds that were not live before it ran.</summary>
    private static long Retained(Func<object> make)
    {
        var before = LiveBytes();
        var made = make();
        var after = LiveBytes();
        GC.KeepAlive(made);
        return after - before;
    }

    private static long LiveBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    // A listing as the reader makes it: its own strings, the repeated ones shared within the listing.
    private static List<ParsedConnection> Copy(IReadOnlyList<ParsedConnection> parsed)
    {
        var pool = new StringPool();
        return [.. parsed.Select(c => c with
        {
            ConnectionId = new string(c.ConnectionId),
            Status = pool.Intern(new string(c.Status)),
            User = pool.Intern(new string(c.User)),
            CommonName = c.CommonName is null ? null : pool.Intern(new string(c.CommonName)),
            ClientIp = c.ClientIp is null ? null : new string(c.ClientIp),
            ClientIpv6Address = c.ClientIpv6Address is null ? null : new string(c.ClientIpv6Address),
            Posture = pool.Intern(new string(c.Posture)),
        })];
    }

    private static string Name(Detail detail) => detail switch
    {
        Detail.PerUser => "per-user",
        Detail.PerConnection => "per-connection",
        _ => "default",
    };

    private static void Row(StringBuilder text, string what, string set, long bytes, long listed) =>
        Line(text, string.Create(CultureInfo.InvariantCulture, $"| {what} | {set} | {bytes / 1e6:0.0} MB | {(double)bytes / listed:0} |"));

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
