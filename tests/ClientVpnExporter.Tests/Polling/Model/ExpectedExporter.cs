namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// The exporter the model expects: which endpoints it serves and what each must show, derived only from what the
/// model fleet served in this process's polls and the team's rules (baseline at the first discovery, deletion after
/// three successful discoveries without the endpoint, a ledger entry forgotten after three listings without it).
/// </summary>
internal sealed class ExpectedExporter
{
    private bool discovered;

    /// <summary>
    /// The API time from which the exporter counts: that of the first poll in which a baseline read listed a connection
    /// (the model's connections all carry the poll's time); kept across a restart with the state file.
    /// </summary>
    public DateTimeOffset? CountingStart { get; private set; }

    /// <summary>The endpoints the exporter must serve, by id.</summary>
    public Dictionary<string, ExpectedEndpoint> Endpoints { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Sessions the histogram observed, by endpoint id: the histogram is ledger state, so it goes with its endpoint
    /// (one found again starts from zero) and continues across a restart from the state file.
    /// </summary>
    public Dictionary<string, long> EndedSessions { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A new process that restored the state file the old one wrote after its last poll: the ledgers continue, but its
    /// first discovery is a first again; the session histograms continue with their ledgers.
    /// </summary>
    public void RestartFromStateFile()
    {
        this.discovered = false;
        foreach (var endpoint in this.Endpoints.Values)
        {
            endpoint.Restored();
        }
    }

    /// <summary>Takes in one poll: the discovery and the listings the fleet served completely, and the reads that failed.</summary>
    public void ApplyPoll(ModelFleet fleet)
    {
        if (fleet.ServedDiscovery is { } discovery)
        {
            var first = !this.discovered;
            this.discovered = true;
            foreach (var id in discovery)
            {
                if (!this.Endpoints.TryGetValue(id, out var endpoint))
                {
                    this.Endpoints.Add(id, new ExpectedEndpoint(id, baseline: first));
                }
                else
                {
                    endpoint.AbsentDiscoveries = 0;
                }
            }

            foreach (var (id, endpoint) in this.Endpoints)
            {
                if (!discovery.Contains(id) && ++endpoint.AbsentDiscoveries >= 3)
                {
                    this.Endpoints.Remove(id);
                    this.EndedSessions.Remove(id);
                }
            }
        }

        var countingStart = this.CountingStart;
        foreach (var id in fleet.AttemptedReads)
        {
            if (!this.Endpoints.TryGetValue(id, out var endpoint))
            {
                throw new InvalidOperationException($"The exporter read {id}, which the model does not expect it to know.");
            }

            if (fleet.ServedListings.TryGetValue(id, out var listing))
            {
                if (endpoint.Baseline && !endpoint.Read && listing.Count > 0)
                {
                    this.CountingStart ??= fleet.Now;
                }

                this.EndedSessions[id] = this.EndedSessions.GetValueOrDefault(id) + endpoint.ApplyListing(listing, fleet.Corruptions, countingStart);
            }
            else
            {
                endpoint.Up = false;
            }
        }
    }
}
