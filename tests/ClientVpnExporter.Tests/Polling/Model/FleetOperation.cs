namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// One step of a generated run against the model fleet. Endpoint and connection numbers are indices, taken modulo
/// what exists when the step runs, so a shrunk sequence stays meaningful; a step with nothing to act on does nothing.
/// </summary>
internal abstract record FleetOperation
{
    public static readonly string[] UserNames = ["alice", "bob", "carol"];

    /// <summary>The clock moves on; every active connection k of an endpoint carries (1 + k mod 3) x the rate.</summary>
    internal sealed record Advance(int Seconds, int BytesPerSecond) : FleetOperation
    {
        public override string ToString() => $"Advance {this.Seconds}s at {this.BytesPerSecond} B/s";
    }

    internal sealed record Connect(int Endpoint, int User) : FleetOperation
    {
        public override string ToString() => $"Connect {UserNames[this.User]} to e{this.Endpoint}";
    }

    /// <summary>Ends one of the endpoint's active connections.</summary>
    internal sealed record Disconnect(int Endpoint, int Connection) : FleetOperation
    {
        public override string ToString() => $"Disconnect e{this.Endpoint}/active c{this.Connection}";
    }

    internal sealed record CreateEndpoint : FleetOperation
    {
        public override string ToString() => "Create an endpoint";
    }

    internal sealed record DeleteEndpoint(int Endpoint) : FleetOperation
    {
        public override string ToString() => $"Delete e{this.Endpoint}";
    }

    /// <summary>One poll of the exporter, with the faults and malformed fields AWS serves in it.</summary>
    /// <param name="Discovery">How discovery fails, if it does.</param>
    /// <param name="Omitted">Live endpoints a successful discovery leaves out.</param>
    /// <param name="Reads">How the reads of some endpoints fail.</param>
    /// <param name="Corruptions">Malformed connections.</param>
    internal sealed record Poll(ReadFault Discovery, IReadOnlyList<int> Omitted, IReadOnlyList<(int Endpoint, ReadFault Fault)> Reads, IReadOnlyList<Corruption> Corruptions) : FleetOperation
    {
        public override string ToString()
        {
            var faults = new List<string>();
            if (this.Discovery != ReadFault.None)
            {
                faults.Add($"discovery {this.Discovery}");
            }

            faults.AddRange(this.Omitted.Select(e => $"discovery omits e{e}"));
            faults.AddRange(this.Reads.Where(r => r.Fault != ReadFault.None).Select(r => $"read e{r.Endpoint} {r.Fault}"));
            faults.AddRange(this.Corruptions.Select(c => c.ToString()));
            return faults.Count == 0 ? "Poll" : $"Poll [{string.Join("; ", faults)}]";
        }
    }

    /// <summary>The exporter process is replaced by a new one over the same fleet (and state file, when the run has one).</summary>
    internal sealed record Restart : FleetOperation
    {
        public override string ToString() => "Restart the exporter";
    }
}
