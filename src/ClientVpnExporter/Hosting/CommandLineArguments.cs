using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Hosting;

/// <summary>
/// The command line, checked whole before anything starts: the switches <c>--demo</c>, <c>--check-config</c> and <c>--help</c>, and
/// settings as <c>--key=value</c> or <c>--key value</c> of a known key (<see cref="SettingsSchema"/>). Anything else would be
/// ignored by .NET's command-line provider (<c>-key value</c>, <c>key</c>) or crash it (<c>-key=value</c>), so it is a problem.
/// </summary>
internal sealed class CommandLineArguments
{
    /// <summary>Validates the whole configuration, prints the verdict and exits, without polling or listening.</summary>
    public const string CheckConfigSwitch = "--check-config";

    /// <summary>Prints the usage and exits 0.</summary>
    public const string HelpSwitch = "--help";

    private const string ShortHelpSwitch = "-h";

    private static readonly string[] Switches = [DemoMode.Switch, CheckConfigSwitch, HelpSwitch];

    private CommandLineArguments(bool demo, bool checkConfig, bool help, string[] settings) =>
        (this.Demo, this.CheckConfig, this.Help, this.Settings) = (demo, checkConfig, help, settings);

    public bool Demo { get; }

    public bool CheckConfig { get; }

    /// <summary><c>--help</c> or <c>-h</c>: print the usage and do nothing else.</summary>
    public bool Help { get; }

    /// <summary>The settings as <c>--key=value</c>, the one form every later reader of the command line takes the same way.</summary>
    public string[] Settings { get; }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="InvalidConfigurationException"/> with every problem found.</summary>
    public static CommandLineArguments Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var schema = SettingsSchema.Exporter;
        var (demo, checkConfig, help) = (false, false, false);
        var settings = new List<string>();
        var problems = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsSwitch(arg, DemoMode.Switch) || IsSwitch(arg, CheckConfigSwitch))
            {
                demo |= IsSwitch(arg, DemoMode.Switch);
                checkConfig |= IsSwitch(arg, CheckConfigSwitch);
                continue;
            }

            if (IsSwitch(arg, HelpSwitch) || IsSwitch(arg, ShortHelpSwitch))
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                problems.Add(Malformed(arg, schema));
                continue;
            }

            var body = arg[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var key = equals < 0 ? body : body[..equals];
            string? value = equals >= 0 ? body[(equals + 1)..]
                : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i]
                : null;
            var problem = Switches.FirstOrDefault(s => IsSwitch("--" + key, s)) is { } known
                ? $"flag {known} takes no value (got '{SettingsSchema.Shown(value ?? "")}')."
                : schema.Problem(key, value, SettingSource.CommandLine)
                    ?? (value is null ? $"flag --{key} needs a value: --{key}=VALUE or --{key} VALUE." : null);
            if (problem is null)
            {
                settings.Add($"--{key}={value}");
            }
            else
            {
                problems.Add(problem);
            }
        }

        // Asking for help is answered even beside a mistake: the mistake may be why help was asked for.
        if (!help)
        {
            InvalidConfigurationException.ThrowIfAny(problems);
        }

        return new CommandLineArguments(demo, checkConfig, help, [.. settings]);
    }

    /// <summary>An argument that is not <c>--name…</c>: one dash, a slash, or none.</summary>
    private static string Malformed(string arg, SettingsSchema schema)
    {
        var name = arg.Split('=')[0];
        var bare = name.TrimStart('-', '/');
        if (bare.Length == 0)
        {
            return $"unknown argument '{SettingsSchema.Shown(arg)}': give flags as --name=value or --name value.";
        }

        var suggestion = Switches.FirstOrDefault(s => IsSwitch("--" + bare, s)) ?? "--" + schema.Nearest(bare);
        return $"unknown flag {SettingsSchema.Shown(name)}; did you mean {suggestion}?";
    }

    private static bool IsSwitch(string arg, string name) => string.Equals(arg, name, StringComparison.OrdinalIgnoreCase);
}
