namespace ClientVpnExporter.Connections;

/// <summary>One posture's session-duration histogram as the state file holds it (see <see cref="SessionDurationHistogram"/>).</summary>
internal sealed class SessionDurationRecord
{
    public string Posture { get; set; } = "";

    /// <summary>Cumulative, one per bound of <see cref="SessionDurationHistogram.BucketBounds"/>.</summary>
    public List<long> BucketCounts { get; set; } = [];

    public double Sum { get; set; }

    public long Count { get; set; }
}
