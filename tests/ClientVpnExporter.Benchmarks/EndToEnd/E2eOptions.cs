using System.Globalization;
using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>The end-to-end benchmark's command line; every option has the fleet as its default.</summary>
internal sealed record E2eOptions
{
    public const string Usage = """
        e2e [options]: the simulator and the exporter as processes of their own, measured, then one results table.
          --endpoints N           simulated endpoints (10)
          --connections N         active connections per endpoint (10000)
          --churn-per-hour N      sessions ending (and starting) per endpoint per simulated hour (10000)
          --seed N                the simulator's seed (1)
          --modes LIST            which metric sets to measure, of default,per-user,per-connection, or none (all three)
          --poll-interval S       the exporter's poll interval in the steady measurements, seconds
                                  (25; 35 with per-user and 60 with per-connection detail, whose scrapes take longer)
          --scrapers N            concurrent /metrics scrapers (4)
          --scrape-seconds S      how long they scrape (5); each makes at least --min-scrapes
          --min-scrapes N         scrapes each scraper makes at least (2)
          --idle-seconds S        the window in which CPU between polls is measured (5)
          --hours H               simulated hours of churn with per-connection detail; 0 skips it (24)
          --step-minutes M        simulated minutes per clock step, below 60 (45)
          --sample-hours H        simulated hours between churn /metrics scrapes; memory is read every hour (3)
          --exporter-env K=V      an environment variable for the exporter, e.g. DOTNET_gcServer=0 (repeatable)
          --exporter-arg ARG      one more exporter argument, e.g. --ClientVpn:MaxConcurrentEndpoints=2 (repeatable)
          --output FILE           also write the table (Markdown) to FILE
          --profile DIR           record a CPU profile (EventPipe sampling) of the exporter during the second poll
                                  and during the scrapes of each metric set, and write their summaries to DIR;
                                  profiling slows the exporter, so its timings are not the ones to report
        """;

    public int Endpoints { get; init; } = 10;

    public int Connections { get; init; } = 10_000;

    public int ChurnPerHour { get; init; } = 10_000;

    public int Seed { get; init; } = 1;

    public IReadOnlyList<Detail> Modes { get; init; } = [Detail.Default, Detail.PerUser, Detail.PerConnection];

    public TimeSpan? PollInterval { get; init; }

    public int Scrapers { get; init; } = 4;

    public TimeSpan ScrapeDuration { get; init; } = TimeSpan.FromSeconds(5);

    public int MinScrapes { get; init; } = 2;

    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(5);

    public double Hours { get; init; } = 24;

    public double StepMinutes { get; init; } = 45;

    public double SampleHours { get; init; } = 3;

    public string? Output { get; init; }

    public string? ProfileDirectory { get; init; }

    public IReadOnlyDictionary<string, string> ExporterEnvironment { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> ExporterArguments { get; init; } = [];

    /// <summary>
    /// The poll interval of the steady measurements: the second poll, the scrapes and the idle window must all
    /// fit before the third poll.
    /// </summary>
    public TimeSpan PollIntervalFor(Detail detail) =>
        this.PollInterval ?? TimeSpan.FromSeconds(detail switch { Detail.PerConnection => 60, Detail.PerUser => 35, _ => 25 });

    /// <summary>Parses <paramref name="args"/>; null (with the reasons written) when they are invalid or ask for help.</summary>
    public static E2eOptions? Parse(string[] args, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(errors);
        var options = new E2eOptions();
        var problems = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg is "--help" or "-h")
            {
                errors.WriteLine(Usage);
                return null;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            string? value = equals > 0 ? arg[(equals + 1)..] : i + 1 < args.Length ? args[++i] : null;
            if (value is null)
            {
                problems.Add($"{name} needs a value.");
                continue;
            }

            options = name switch
            {
                "--endpoints" => options with { Endpoints = Int(name, value, 1, 100, problems) },
                "--connections" => options with { Connections = Int(name, value, 0, 200_000, problems) },
                "--churn-per-hour" => options with { ChurnPerHour = Int(name, value, 0, 1_000_000, problems) },
                "--seed" => options with { Seed = Int(name, value, int.MinValue, int.MaxValue, problems) },
                "--modes" => options with { Modes = ParseModes(value, problems) },
                "--poll-interval" => options with { PollInterval = TimeSpan.FromSeconds(Number(name, value, 5, 1800, problems)) },
                "--scrapers" => options with { Scrapers = Int(name, value, 1, 64, problems) },
                "--scrape-seconds" => options with { ScrapeDuration = TimeSpan.FromSeconds(Number(name, value, 0, 600, problems)) },
                "--min-scrapes" => options with { MinScrapes = Int(name, value, 1, 1000, problems) },
                "--idle-seconds" => options with { IdleWindow = TimeSpan.FromSeconds(Number(name, value, 1, 600, problems)) },
                "--hours" => options with { Hours = Number(name, value, 0, 24 * 31, problems) },
                "--step-minutes" => options with { StepMinutes = Number(name, value, 1, 59, problems) },
                "--sample-hours" => options with { SampleHours = Number(name, value, 1, 24 * 31, problems) },
                "--output" => options with { Output = value },
                "--profile" => options with { ProfileDirectory = value },
                "--exporter-env" when value.IndexOf('=', StringComparison.Ordinal) > 0 => options with
                {
                    ExporterEnvironment = new Dictionary<string, string>(options.ExporterEnvironment) { [value[..value.IndexOf('=', StringComparison.Ordinal)]] = value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..] },
                },
                "--exporter-arg" => options with { ExporterArguments = [.. options.ExporterArguments, value] },
                _ => Unknown(options, name, problems),
            };
        }

        foreach (var problem in problems)
        {
            errors.WriteLine(problem);
        }

        if (problems.Count > 0)
        {
            errors.WriteLine(Usage);
            return null;
        }

        return options;
    }

    private static E2eOptions Unknown(E2eOptions options, string name, List<string> problems)
    {
        problems.Add($"Unknown option {name}.");
        return options;
    }

    private static int Int(string name, string value, int min, int max, List<string> problems)
    {
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        problems.Add(FormattableString.Invariant($"{name} must be an integer from {min} to {max} (got '{value}')."));
        return min;
    }

    private static double Number(string name, string value, double min, double max, List<string> problems)
    {
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        problems.Add(FormattableString.Invariant($"{name} must be a number from {min} to {max} (got '{value}')."));
        return min;
    }

    private static List<Detail> ParseModes(string value, List<string> problems)
    {
        var modes = new List<Detail>();
        foreach (var mode in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Detail? parsed = mode switch
            {
                "default" => Detail.Default,
                "per-user" => Detail.PerUser,
                "per-connection" => Detail.PerConnection,
                _ => null,
            };
            if (mode == "none")
            {
                continue;
            }

            if (parsed is { } detail)
            {
                modes.Add(detail);
            }
            else
            {
                problems.Add($"--modes takes default, per-user and per-connection (got '{mode}').");
            }
        }

        return modes;
    }
}
