namespace ClientVpnExporter.Configuration;

/// <summary>
/// The exporter's share of an account's EC2 API budget in one region. AWS throttles Describe calls with a
/// token bucket per account and region (100 burst, 20 per second) shared by every tool the account runs; the
/// defaults leave most of it to the others.
/// </summary>
public sealed class ApiBudgetOptions
{
    /// <summary>Sustained calls per second, per account and region.</summary>
    public double RequestsPerSecond { get; set; } = 5;

    /// <summary>Calls that may go at once after a quiet spell, per account and region.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>How long one HTTP request may take once it has its budget, before it counts as timed out.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries the SDK makes after a failed call (throttled, 5xx, timeout), with jittered backoff.</summary>
    public int MaxRetries { get; set; } = 4;
}
