using System.Globalization;
using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Hosting;

/// <summary>The allowed ranges of <see cref="SimulatorOptions"/>, shared by the in-process API and the command line.</summary>
internal static class SimulatorOptionsValidator
{
    /// <summary>The most endpoints at start.</summary>
    public const int MaxEndpoints = 100;

    /// <summary>The most connections per endpoint.</summary>
    public const int MaxConnectionsPerEndpoint = 200_000;

    /// <summary>
    /// The highest churn: far above what a real endpoint sees, and a bound on the sessions drawn at start
    /// (the last 75 minutes of ended sessions are kept in memory).
    /// </summary>
    public const double MaxChurnPerHour = 1_000_000;

    /// <summary>The fastest clock.</summary>
    public const double MaxClockSpeed = 1_000_000;

    /// <summary>The most accounts: each has a whole fleet.</summary>
    public const int MaxAccounts = 20;

    /// <summary>The longest credential lifetime, as long as STS ever grants.</summary>
    public static readonly TimeSpan MaxCredentialLifetime = TimeSpan.FromHours(12);

    private static readonly DateTimeOffset EarliestStart = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestStart = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>What each option allows, by property name, phrased to follow "must be".</summary>
    public static IReadOnlyDictionary<string, string> Requirements { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(SimulatorOptions.Endpoints)] = $"an integer between 1 and {MaxEndpoints}",
        [nameof(SimulatorOptions.ConnectionsPerEndpoint)] = $"an integer between 0 and {MaxConnectionsPerEndpoint}",
        [nameof(SimulatorOptions.ChurnPerHour)] = $"a number between 0 and {MaxChurnPerHour.ToString(CultureInfo.InvariantCulture)}",
        [nameof(SimulatorOptions.Seed)] = $"an integer between {int.MinValue} and {int.MaxValue}",
        [nameof(SimulatorOptions.ClockSpeed)] = $"a number above 0 and at most {MaxClockSpeed.ToString(CultureInfo.InvariantCulture)}",
        [nameof(SimulatorOptions.StartTime)] = "an ISO 8601 time between 2000-01-01 and 9000-01-01",
        [nameof(SimulatorOptions.StartPaused)] = "true or false",
        [nameof(SimulatorOptions.Accounts)] = $"1 to {MaxAccounts} distinct 12-digit account ids, comma-separated",
        [nameof(SimulatorOptions.RequiredExternalId)] = "a non-empty string",
        [nameof(SimulatorOptions.CredentialLifetime)] = "a number of seconds above 0 and at most 43200",
        [nameof(SimulatorOptions.FailedAttemptShare)] = "a number between 0 and 0.9",
        [nameof(SimulatorOptions.LogIngestionDelay)] = "MAX or MIN-MAX seconds (optionally ending in s), 0 <= MIN <= MAX <= 1800, such as 0-90s",
    };

    /// <summary>What is wrong with <paramref name="options"/>; empty when nothing is.</summary>
    public static IReadOnlyList<OptionProblem> Validate(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<OptionProblem>();
        if (options.Endpoints is < 1 or > MaxEndpoints)
        {
            problems.Add(Problem(nameof(options.Endpoints), options.Endpoints));
        }

        if (options.ConnectionsPerEndpoint is < 0 or > MaxConnectionsPerEndpoint)
        {
            problems.Add(Problem(nameof(options.ConnectionsPerEndpoint), options.ConnectionsPerEndpoint));
        }

        if (!double.IsFinite(options.ChurnPerHour) || options.ChurnPerHour < 0 || options.ChurnPerHour > MaxChurnPerHour)
        {
            problems.Add(Problem(nameof(options.ChurnPerHour), options.ChurnPerHour));
        }

        if (!double.IsFinite(options.ClockSpeed) || options.ClockSpeed <= 0 || options.ClockSpeed > MaxClockSpeed)
        {
            problems.Add(Problem(nameof(options.ClockSpeed), options.ClockSpeed));
        }

        if (options.StartTime is { } start && (start < EarliestStart || start > LatestStart))
        {
            problems.Add(new(nameof(options.StartTime), Requirements[nameof(options.StartTime)], start.ToString("O", CultureInfo.InvariantCulture)));
        }

        var accounts = options.Accounts ?? [];
        if (accounts.Count is 0 or > MaxAccounts || !accounts.All(AccountDirectory.IsAccountId) || accounts.Distinct(StringComparer.Ordinal).Count() != accounts.Count)
        {
            problems.Add(new(nameof(options.Accounts), Requirements[nameof(options.Accounts)], $"'{string.Join(',', accounts)}'"));
        }

        if (options.RequiredExternalId is { Length: 0 })
        {
            problems.Add(new(nameof(options.RequiredExternalId), Requirements[nameof(options.RequiredExternalId)], "''"));
        }

        if (options.CredentialLifetime is { } lifetime && (lifetime <= TimeSpan.Zero || lifetime > MaxCredentialLifetime))
        {
            problems.Add(Problem(nameof(options.CredentialLifetime), lifetime.TotalSeconds));
        }

        if (!double.IsFinite(options.FailedAttemptShare) || options.FailedAttemptShare < 0 || options.FailedAttemptShare > ConnectionLogSettings.MaxFailedAttemptShare)
        {
            problems.Add(Problem(nameof(options.FailedAttemptShare), options.FailedAttemptShare));
        }

        if (!IngestionDelay.TryParse(options.LogIngestionDelay, out _))
        {
            problems.Add(new(nameof(options.LogIngestionDelay), Requirements[nameof(options.LogIngestionDelay)], $"'{options.LogIngestionDelay}'"));
        }

        return problems;
    }

    /// <summary>Throws for the first problem, naming the property.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static void ThrowIfInvalid(SimulatorOptions options)
    {
        var problems = Validate(options);
        if (problems.Count > 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), problems[0].Describe($"{nameof(SimulatorOptions)}.{problems[0].Option}"));
        }
    }

    private static OptionProblem Problem(string option, double value) =>
        new(option, Requirements[option], value.ToString(CultureInfo.InvariantCulture));
}
