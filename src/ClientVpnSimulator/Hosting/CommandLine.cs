using System.Globalization;

namespace ClientVpnSimulator.Hosting;

/// <summary>
/// Reads the standalone simulator's options through the configuration system's command-line provider,
/// then checks each against its allowed range so that a bad value stops the start with a message naming it.
/// </summary>
internal static class CommandLine
{
    /// <summary>Where the standalone simulator listens unless told otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private const string Section = "Simulator";
    private const string UrlsKey = Section + ":Urls";

    // Switch, bound property and help text; the property doubles as the configuration key.
    private static readonly (string Switch, string Property, string Help)[] Switches =
    [
        ("--endpoints", nameof(SimulatorOptions.Endpoints), "endpoints at start, 1..100 (default 3)"),
        ("--connections", nameof(SimulatorOptions.ConnectionsPerEndpoint), "steady active connections per endpoint, 0..200000 (default 50)"),
        ("--churn-per-hour", nameof(SimulatorOptions.ChurnPerHour), "sessions ending (and starting) per endpoint per simulated hour, 0..1000000 (default 60)"),
        ("--seed", nameof(SimulatorOptions.Seed), "seed of every random draw (default 1)"),
        ("--clock-speed", nameof(SimulatorOptions.ClockSpeed), "simulated seconds per real second, > 0 (default 1)"),
        ("--start-time", nameof(SimulatorOptions.StartTime), "simulated start, ISO 8601 (default: now, whole seconds)"),
        ("--start-paused", nameof(SimulatorOptions.StartPaused), "keep the clock frozen until resumed or advanced"),
        ("--accounts", nameof(SimulatorOptions.Accounts), "account ids, comma-separated, each with its own fleet; the first owns unknown keys (default 111111111111)"),
        ("--required-external-id", nameof(SimulatorOptions.RequiredExternalId), "the ExternalId AssumeRole must carry (default: none)"),
        ("--credential-lifetime", nameof(SimulatorOptions.CredentialLifetime), "seconds assumed-role credentials last, overriding DurationSeconds (default: as asked)"),
        ("--failed-attempt-share", nameof(SimulatorOptions.FailedAttemptShare), "share of connection attempts that fail, 0..0.9 (default 0.05)"),
        ("--log-ingestion-delay", nameof(SimulatorOptions.LogIngestionDelay), "connection-log ingestion delay, MAX or MIN-MAX seconds, <= 1800 (default 0-30s)"),
    ];

    /// <summary>The usage text.</summary>
    public static string Usage =>
        "Usage: ClientVpnSimulator [--urls URL] [options]" + Environment.NewLine
        + $"  --urls URL             where to listen, one http:// URL; port 0 picks a free port (default {DefaultUrl})" + Environment.NewLine
        + string.Join(Environment.NewLine, Switches.Select(s => $"  {s.Switch,-22} {s.Help}")) + Environment.NewLine
        + "  --help                 show this text";

    /// <summary>Parses <paramref name="args"/>.</summary>
    public static CommandLineParseResult Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var options = new SimulatorOptions();
        var normalized = Normalize(args, errors, out var showHelp);
        if (showHelp)
        {
            return new CommandLineParseResult(options, DefaultUrl, ShowHelp: true, errors);
        }

        var mappings = Switches.ToDictionary(s => s.Switch, s => $"{Section}:{s.Property}", StringComparer.Ordinal);
        mappings["--urls"] = UrlsKey;
        var configuration = new ConfigurationBuilder().AddCommandLine([.. normalized], mappings).Build();

        Read(configuration, nameof(SimulatorOptions.Endpoints), errors, TryInt, (int v) => options.Endpoints = v);
        Read(configuration, nameof(SimulatorOptions.ConnectionsPerEndpoint), errors, TryInt, (int v) => options.ConnectionsPerEndpoint = v);
        Read(configuration, nameof(SimulatorOptions.ChurnPerHour), errors, TryDouble, (double v) => options.ChurnPerHour = v);
        Read(configuration, nameof(SimulatorOptions.Seed), errors, TryInt, (int v) => options.Seed = v);
        Read(configuration, nameof(SimulatorOptions.ClockSpeed), errors, TryDouble, (double v) => options.ClockSpeed = v);
        Read(configuration, nameof(SimulatorOptions.StartTime), errors, TryTime, (DateTimeOffset? v) => options.StartTime = v);
        Read(configuration, nameof(SimulatorOptions.StartPaused), errors, bool.TryParse, (bool v) => options.StartPaused = v);
        Read(configuration, nameof(SimulatorOptions.Accounts), errors, TryList, (List<string> v) => options.Accounts = v);
        Read(configuration, nameof(SimulatorOptions.RequiredExternalId), errors, TryText, (string v) => options.RequiredExternalId = v);
        Read(configuration, nameof(SimulatorOptions.CredentialLifetime), errors, TrySeconds, (TimeSpan? v) => options.CredentialLifetime = v);
        Read(configuration, nameof(SimulatorOptions.FailedAttemptShare), errors, TryDouble, (double v) => options.FailedAttemptShare = v);
        Read(configuration, nameof(SimulatorOptions.LogIngestionDelay), errors, TryText, (string v) => options.LogIngestionDelay = v);
        foreach (var problem in SimulatorOptionsValidator.Validate(options))
        {
            errors.Add(problem.Describe(SwitchOf(problem.Option)));
        }

        var url = configuration[UrlsKey] ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            errors.Add($"--urls must be one http:// URL such as {DefaultUrl} (got '{url}').");
        }

        return new CommandLineParseResult(options, url, ShowHelp: false, errors);
    }

    // The command-line provider needs a value after every switch; a bare --start-paused means true.
    private static List<string> Normalize(IReadOnlyList<string> args, List<string> errors, out bool showHelp)
    {
        showHelp = false;
        var normalized = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (name is "--help" or "-h" or "-?")
            {
                showHelp = true;
            }
            else if (!arg.StartsWith('-'))
            {
                errors.Add($"Unexpected argument '{arg}'.");
            }
            else if (name != "--urls" && !Switches.Any(s => s.Switch == name))
            {
                errors.Add($"Unknown option {name}.");
                if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Count && !args[i + 1].StartsWith('-'))
                {
                    i++; // Its value, so that it is not reported again as a stray argument.
                }
            }
            else if (arg.Contains('=', StringComparison.Ordinal))
            {
                normalized.Add(arg);
            }
            else if (name == "--start-paused" && (i + 1 == args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)))
            {
                normalized.Add("--start-paused=true");
            }
            else if (i + 1 < args.Count)
            {
                normalized.Add($"{arg}={args[++i]}");
            }
            else
            {
                errors.Add($"{name} needs a value.");
            }
        }

        return normalized;
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static void Read<T>(IConfiguration configuration, string property, List<string> errors, TryParser<T> parse, Action<T> assign)
    {
        var text = configuration[$"{Section}:{property}"];
        if (text is null)
        {
            return;
        }

        if (parse(text, out var value))
        {
            assign(value);
        }
        else
        {
            errors.Add(new OptionProblem(property, SimulatorOptionsValidator.Requirements[property], $"'{text}'").Describe(SwitchOf(property)));
        }
    }

    private static string SwitchOf(string property) => Switches.First(s => s.Property == property).Switch;

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private static bool TryDouble(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryList(string text, out List<string> value)
    {
        value = [.. text.Split(',', StringSplitOptions.TrimEntries)];
        return true;
    }

    private static bool TryText(string text, out string value)
    {
        value = text;
        return true;
    }

    private static bool TrySeconds(string text, out TimeSpan? value)
    {
        var parsed = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds);
        value = parsed ? TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.MaxValue.TotalSeconds / 2)) : null;
        return parsed;
    }

    private static bool TryTime(string text, out DateTimeOffset? value)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time);
        value = parsed ? time : null;
        return parsed;
    }
}
