namespace ClientVpnSimulator.Fleet;

/// <summary>One posture compliance result a client-connect handler returns, with its traffic on one endpoint.</summary>
internal sealed class PostureProfile
{
    /// <summary>Creates a profile for a list of statuses.</summary>
    public PostureProfile(IEnumerable<string> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        this.Statuses = [.. statuses.Order(StringComparer.Ordinal)];
        this.Key = string.Join(',', this.Statuses);
    }

    /// <summary>The statuses, sorted ordinally.</summary>
    public IReadOnlyList<string> Statuses { get; }

    /// <summary>The statuses joined with commas, for grouping and ordering.</summary>
    public string Key { get; }

    /// <summary>Final counters of connections with this result that are no longer listed.</summary>
    public SimulatedTraffic RetiredTotals { get; set; }

    /// <summary>How many connections ever had this result.</summary>
    public long ConnectionsEver { get; set; }
}
