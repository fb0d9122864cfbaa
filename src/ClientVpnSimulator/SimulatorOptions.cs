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
    /// The AWS accounts simulated, 12-digit ids, 1 to 1000 of them, each with its own fleet of <see cref="Endpoints"/>
    /// endpoints. The first is the caller's own: requests signed with any access key the simulator did not issue
    /// act in it; keys issued by STS AssumeRole act in the role's account. It is also the management account of
    /// the organisation every account belongs to at start.
    /// </summary>
    public List<string> Accounts { get; set; } = ["111111111111"];

    /// <summary>
    /// When set, 1 to 1000 generated accounts replace <see cref="Accounts"/> (which must then keep its default):
    /// ids 100000000000, 100000000001, … in that order.
    /// </summary>
    public int? AccountCount { get; set; }

    /// <summary>When set, only the first N accounts (0 to the number of accounts) have endpoints at start; the others are empty.</summary>
    public int? AccountsWithEndpoints { get; set; }

    /// <summary>
    /// The regions enabled in every account at start (DescribeRegions lists them; EC2 requests signed for any other
    /// region fail as in a region not enabled); default: the regions AWS enables in every account.
    /// </summary>
    public List<string>? Regions { get; set; }

    /// <summary>
    /// When set, the regions (among <see cref="Regions"/>) the accounts' endpoints are in: the Client VPN actions signed
    /// for any other enabled region see an account with no endpoints. Default: every region shows the same endpoints.
    /// </summary>
    public List<string>? EndpointRegions { get; set; }

    /// <summary>When set, the <c>ExternalId</c> AssumeRole must carry for every role; without it, AccessDenied.</summary>
    public string? RequiredExternalId { get; set; }

    /// <summary>
    /// When set, how long credentials issued by AssumeRole last (real time), whatever <c>DurationSeconds</c> asks:
    /// a few seconds lets a test watch them expire and be renewed. Above 0, at most 12 hours.
    /// </summary>
    public TimeSpan? CredentialLifetime { get; set; }
}
