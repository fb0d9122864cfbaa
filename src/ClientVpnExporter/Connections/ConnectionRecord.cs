namespace ClientVpnExporter.Connections;

/// <summary>What a ledger remembers of one followed connection.</summary>
internal sealed class ConnectionRecord
{
    public string Id { get; set; } = "";

    public TrafficCounters Last { get; set; }

    /// <summary>The counters not known yet, as a bit set (bit 0 ingress bytes to bit 3 egress packets).</summary>
    public byte UnknownFields { get; set; }

    public DateTimeOffset? LastReadAt { get; set; }

    public bool EndObserved { get; set; }

    /// <summary>How many complete listings in a row it has been missing from.</summary>
    public int Missed { get; set; }
}
