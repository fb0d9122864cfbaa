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
          --builds LIST           which builds of the exporter to measure, side by side, of aot,jit (both); churn runs
                                  the first one only
          --aot DIR               the folder of the published Native AOT binary (CLIENTVPN_EXPORTER_AOT, else
                                  artifacts/aot)
          --publish-aot           publish the Native AOT binary to that folder first (dotnet publish -c Release -r RID)
          --small-fleet EXC       the small fleet, E endpoints x C active connections and no churn, whose start to ready
                                  and resident memory each build reports with default metrics (3x100); none skips it
          --exporter-env K=V      an environment variable for the exporter, e.g. DOTNET_gcServer=0 (repeatable)
          --exporter-arg ARG      one more exporter argument, e.g. --ClientVpn:MaxConcurrentEndpoints=2 (repeatable)
          --output FILE           also write the table (Markdown) to FILE
          --profile DIR           record a CPU profile (EventPipe sampling) of the JIT exporter during the second poll
                                  and during the scrapes of each metric set, and write their summaries to DIR;
                                  profiling slows the exporter, so its timings are not the ones to report
        """;

    public int Endpoints { get; init; } = 10;

    public IReadOnlyList<ExporterBuild> Builds { get; init; } = [ExporterBuild.Aot, ExporterBuild.Jit];

    public string? AotFolder { get; init; }

    public bool PublishAot { get; init; }

    /// <summary>The small fleet's endpoints and connections per endpoint; null skips it.</summary>
    public (int Endpoints, int Connections)? SmallFleet { get; init; } = (3, 100);

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
    /// fit before the third poll. On 2 cores the simulator's answers take it about 11 s to write at 200,000
    /// connections, so a poll lasts that long whatever the exporter does, and the 10 s of scrapes and the idle window
    /// come after it (25 s was too short: the third poll ran into the idle window).
    /// </summary>
    public TimeSpan PollIntervalFor(Detail detail) =>
        this.PollInterval ?? TimeSpan.FromSeconds(detail switch { Detail.PerConnection => 60, Detail.PerUser => 45, _ => 40 });

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

            if (arg == "--publish-aot")
            {
                options = options with { PublishAot = true };
                continue;
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
                "--builds" => options with { Builds = ParseBuilds(value, problems) },
                "--aot" => options with { AotFolder = value },
                "--small-fleet" => options with { SmallFleet = ParseFleet(value, problems) },
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

    private static List<ExporterBuild> ParseBuilds(string value, List<string> problems)
    {
        var builds = new List<ExporterBuild>();
        foreach (var build in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            ExporterBuild? parsed = build switch
            {
                "aot" => ExporterBuild.Aot,
                "jit" => ExporterBuild.Jit,
                _ => null,
            };
            if (parsed is not { } known)
            {
                problems.Add($"--builds takes aot and jit (got '{build}').");
            }
            else if (!builds.Contains(known))
            {
                builds.Add(known);
            }
        }

        if (builds.Count == 0)
        {
            problems.Add("--builds needs at least one of aot and jit.");
        }

        return builds;
    }

    private static (int, int)? ParseFleet(string value, List<string> problems)
    {
        if (value == "none")
        {
            return null;
        }

        var parts = value.Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var endpoints) && endpoints is >= 1 and <= 100
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var connections) && connections is >= 0 and <= 200_000)
        {
            return (endpoints, connections);
        }

        problems.Add($"--small-fleet takes ENDPOINTSxCONNECTIONS, e.g. 3x100, with 1 to 100 endpoints, or none (got '{value}').");
        return null;
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
