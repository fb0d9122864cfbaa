using System.Globalization;
using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Regions;

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

    /// <summary>The most accounts: an organisation of hundreds, most of them empty (see <see cref="SimulatorOptions.AccountsWithEndpoints"/>).</summary>
    public const int MaxAccounts = 1000;

    /// <summary>The most regions enabled in an account.</summary>
    public const int MaxRegions = 50;

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
        [nameof(SimulatorOptions.AccountCount)] = $"an integer between 1 and {MaxAccounts}, given instead of the accounts' ids",
        [nameof(SimulatorOptions.AccountsWithEndpoints)] = "an integer between 0 and the number of accounts",
        [nameof(SimulatorOptions.Regions)] = $"1 to {MaxRegions} distinct region names such as us-east-1, comma-separated",
        [nameof(SimulatorOptions.EndpointRegions)] = "1 or more distinct regions among those enabled, comma-separated",
        [nameof(SimulatorOptions.RequiredExternalId)] = "a non-empty string",
        [nameof(SimulatorOptions.CredentialLifetime)] = "a number of seconds above 0 and at most 43200",
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

        var defaultAccounts = new SimulatorOptions().Accounts;
        if (options.AccountCount is { } count && (count is < 1 or > MaxAccounts || !accounts.SequenceEqual(defaultAccounts)))
        {
            problems.Add(new(nameof(options.AccountCount), Requirements[nameof(options.AccountCount)], count.ToString(CultureInfo.InvariantCulture)));
        }

        var accountCount = options.AccountCount ?? accounts.Count;
        if (options.AccountsWithEndpoints is { } withEndpoints && (withEndpoints < 0 || withEndpoints > accountCount))
        {
            problems.Add(new(nameof(options.AccountsWithEndpoints), Requirements[nameof(options.AccountsWithEndpoints)], withEndpoints.ToString(CultureInfo.InvariantCulture)));
        }

        if (options.Regions is { } regions
            && (regions.Count is 0 or > MaxRegions || !regions.All(RegionCatalog.IsRegionName) || regions.Distinct(StringComparer.Ordinal).Count() != regions.Count))
        {
            problems.Add(new(nameof(options.Regions), Requirements[nameof(options.Regions)], $"'{string.Join(',', regions)}'"));
        }

        var enabled = options.Regions ?? RegionCatalog.EnabledByDefault;
        if (options.EndpointRegions is { } endpointRegions
            && (endpointRegions.Count == 0 || !endpointRegions.All(r => enabled.Contains(r, StringComparer.Ordinal))
                || endpointRegions.Distinct(StringComparer.Ordinal).Count() != endpointRegions.Count))
        {
            problems.Add(new(nameof(options.EndpointRegions), Requirements[nameof(options.EndpointRegions)], $"'{string.Join(',', endpointRegions)}'"));
        }

        if (options.RequiredExternalId is { Length: 0 })
        {
            problems.Add(new(nameof(options.RequiredExternalId), Requirements[nameof(options.RequiredExternalId)], "''"));
        }

        if (options.CredentialLifetime is { } lifetime && (lifetime <= TimeSpan.Zero || lifetime > MaxCredentialLifetime))
        {
            problems.Add(Problem(nameof(options.CredentialLifetime), lifetime.TotalSeconds));
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
