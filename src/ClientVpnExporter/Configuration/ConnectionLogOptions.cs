namespace ClientVpnExporter.Configuration;

/// <summary>
/// Reading each endpoint's connection log (<c>ClientVpn:ConnectionLog</c>) from CloudWatch Logs with FilterLogEvents, to
/// count connection attempts, failed ones included, which DescribeClientVpnConnections never lists.
/// </summary>
public sealed class ConnectionLogOptions
{
    /// <summary>The shortest read interval allowed.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(10);

    /// <summary>The longest read interval allowed.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    /// <summary>The shortest lookback allowed: CloudWatch Logs often takes a minute or more to make an event searchable.</summary>
    public static readonly TimeSpan MinLookback = TimeSpan.FromMinutes(2);

    /// <summary>The longest lookback allowed: the event ids of one lookback are kept in memory per endpoint.</summary>
    public static readonly TimeSpan MaxLookback = TimeSpan.FromHours(6);

    /// <summary>FilterLogEvents' largest page (its <c>limit</c>).</summary>
    public const int MaxPageSize = 10_000;

    /// <summary>Read the connection log of every endpoint that has connection logging on. False: read none.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each endpoint's connection log is read, on a cadence of its own that never delays the poll.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How far back each read starts: CloudWatch Logs makes events searchable late and out of order, so each read
    /// reads this window again and counts every event once by its id. An event that arrives later than this is missed.
    /// </summary>
    public TimeSpan Lookback { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The most FilterLogEvents pages one read of one endpoint takes; a read that reaches it goes on from there next time.</summary>
    public int MaxPagesPerRead { get; set; } = 100;

    /// <summary>Events per FilterLogEvents page (its <c>limit</c>), 1 to 10,000; CloudWatch Logs also ends a page at 1 MB.</summary>
    public int PageSize { get; set; } = MaxPageSize;

    /// <summary>
    /// The exporter's share of FilterLogEvents calls per second, per account and region: a bucket of its own, apart from
    /// the EC2 budget, since CloudWatch Logs meters FilterLogEvents on its own (5 per second per account and region).
    /// </summary>
    public double RequestsPerSecond { get; set; } = 1;

    /// <summary>FilterLogEvents calls that may go at once after a quiet spell, per account and region.</summary>
    public int Burst { get; set; } = 2;
}
