namespace ClientVpnExporter.Connections;

/// <summary>An <see cref="EndpointLedger"/> as the state file holds it.</summary>
internal sealed class LedgerRecord
{
    public bool AwaitsBaseline { get; set; }

    public List<PostureTotals> Totals { get; set; } = [];

    /// <summary>Since state file version 3; a version 2 file has none, so its histograms start empty.</summary>
    public List<SessionDurationRecord> SessionDurations { get; set; } = [];

    public List<ConnectionRecord> Connections { get; set; } = [];

    public List<UserRecord> Users { get; set; } = [];
}
