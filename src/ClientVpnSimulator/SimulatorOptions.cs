namespace ClientVpnSimulator;

/// <summary>How a simulated Client VPN fleet looks and how its clock runs.</summary>
/// <remarks>
/// For a given <see cref="Seed"/> and the same sequence of clock moves (with the clock paused, or
/// advanced only through the control API), every id, counter and state the simulator reports is the same.
/// </remarks>
public sealed class SimulatorOptions
{
    /// <summary>Endpoints at start, 1 to 100. More can be created through <c>POST /sim/endpoints</c>.</summary>
    public int Endpoints { get; set; } = 3;

    /// <summary>Steady-state active connections per endpoint, 0 to 200,000.</summary>
    public int ConnectionsPerEndpoint { get; set; } = 50;

    /// <summary>
    /// Sessions ending, and as many starting, per endpoint per simulated hour; 0 to 1,000,000.
    /// Sessions last at least one second, which caps the effective rate at 3600 × <see cref="ConnectionsPerEndpoint"/>.
    /// </summary>
    public double ChurnPerHour { get; set; } = 60;

    /// <summary>The seed every random draw follows from.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Simulated seconds per real second, above 0 and at most 1,000,000.</summary>
    public double ClockSpeed { get; set; } = 1;

    /// <summary>The simulated start; default: the real UTC now truncated to whole seconds. Between the years 2000 and 9000.</summary>
    public DateTimeOffset? StartTime { get; set; }

    /// <summary>Whether the clock stays frozen at the start until resumed or advanced.</summary>
    public bool StartPaused { get; set; }

    /// <summary>
    /// The AWS accounts simulated, 12-digit ids, 1 to 20 of them, each with its own fleet of <see cref="Endpoints"/>
    /// endpoints. The first is the caller's own: requests signed with any access key the simulator did not issue
    /// act in it; keys issued by STS AssumeRole act in the role's account.
    /// </summary>
    public List<string> Accounts { get; set; } = ["111111111111"];

    /// <summary>When set, the <c>ExternalId</c> AssumeRole must carry for every role; without it, AccessDenied.</summary>
    public string? RequiredExternalId { get; set; }

    /// <summary>
    /// When set, how long credentials issued by AssumeRole last (real time), whatever <c>DurationSeconds</c> asks:
    /// a few seconds lets a test watch them expire and be renewed. Above 0, at most 12 hours.
    /// </summary>
    public TimeSpan? CredentialLifetime { get; set; }

    /// <summary>
    /// The share of connection attempts that fail, 0 to 0.9 (default 0.05): each attempt before a connection fails with
    /// this probability, with a reason weighted as a fleet's failures are. The repeat failer's attempts come on top.
    /// </summary>
    public double FailedAttemptShare { get; set; } = Logs.ConnectionLogSettings.DefaultFailedAttemptShare;

    /// <summary>
    /// How late connection-log events become readable: <c>MAX</c> or <c>MIN-MAX</c> in seconds, with an optional
    /// <c>s</c> (default <c>0-30s</c>, at most 1800): each event's ingestion time is its timestamp plus a uniform draw.
    /// </summary>
    public string LogIngestionDelay { get; set; } = "0-30s";
}
