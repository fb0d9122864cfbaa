namespace ClientVpnSimulator.Logs;

/// <summary>What every endpoint's connection log follows; the ingestion delay may change at run time (under the fleet lock).</summary>
internal sealed class ConnectionLogSettings
{
    /// <summary>The default share of attempts that fail.</summary>
    public const double DefaultFailedAttemptShare = 0.05;

    /// <summary>The highest share accepted: some attempts must succeed for the fleet to stay connected.</summary>
    public const double MaxFailedAttemptShare = 0.9;

    /// <summary>The share of attempts that fail (each attempt before a connection fails with this probability).</summary>
    public double FailedAttemptShare { get; init; } = DefaultFailedAttemptShare;

    /// <summary>How late events become readable; applies to events written from the moment it is set.</summary>
    public IngestionDelay IngestionDelay { get; set; } = new(0, 30_000);
}
