namespace ClientVpnExporter.Connections;

/// <summary>One user's totals in a ledger, kept until the user retention ends.</summary>
internal sealed class UserRecord
{
    public string User { get; set; } = "";

    public TrafficCounters Totals { get; set; }

    public DateTimeOffset LastSeen { get; set; }
}
