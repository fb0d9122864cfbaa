using System.Text.Json.Serialization.Metadata;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Every configuration key the exporter reads, and the shape of each: the <c>ClientVpn</c> section derived from the options
/// types (see <see cref="SettingsMetadata"/>), and the host's own keys. A key that is not here, a list or section given a
/// single value, or an enum given anything but one of its names would otherwise be ignored or misread by the binder
/// (<c>Hash, Drop</c> is the flag combination <c>Prefix</c>): each is a problem that stops startup.
/// </summary>
internal sealed class SettingsSchema
{
    /// <summary>The host's logging section: anything in it is accepted, but log levels must be level names.</summary>
    public const string LoggingSection = "Logging";

    /// <summary>The configuration key of the web configuration file's path (Security/WebConfig).</summary>
    public const string WebConfigFileKey = "Web:ConfigFile";

    /// <summary>The key that the exporter-toolkit's flag <c>--web.config.file=PATH</c> becomes; it wins over <see cref="WebConfigFileKey"/>.</summary>
    public const string WebConfigFlagKey = "web.config.file";

    private const string LogLevelSegment = "LogLevel";
    private const int ShownValueLength = 64;

    private SettingsSchema(SettingNode root) => this.Root = root;

    /// <summary>The exporter's keys: <c>ClientVpn:*</c>, the web configuration file, <c>urls</c>, <c>AllowedHosts</c>, <c>Logging:*</c>.</summary>
    public static SettingsSchema Exporter { get; } = new(ExporterRoot());

    /// <summary>The top-level sections whose environment variables are checked; other variables (PATH, AWS_*) are not settings.</summary>
    public static IReadOnlyList<string> EnvironmentSections { get; } =
        [ExporterOptions.SectionName, WebConfigFileKey.Split(':')[0], LoggingSection];

    public SettingNode Root { get; }

    /// <summary>What is wrong with <paramref name="key"/> = <paramref name="value"/> given in <paramref name="source"/>, in one line; null when nothing is.</summary>
    public string? Problem(string key, string? value, SettingSource source)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(source);
        var segments = key.Split(':');
        var (node, path, reached) = this.Walk(segments);
        if (reached < segments.Length)
        {
            return node.Kind switch
            {
                SettingKind.Section => Unknown(source, key, Suggestion(path, NearestName.Find(string.Join(':', segments[reached..]), Descendants(node)))),
                SettingKind.List =>
                    $"{source.Spell(key)}{source.Where}: '{Shown(segments[reached])}' is not a list index; number the items {source.Spell(Join(path, "0"))}, {source.Spell(Join(path, "1"))} and so on.",
                SettingKind.Open => LogLevelProblem(node, segments, value, source),

                // Keys below a single value: the binder would ignore them.
                _ => Unknown(source, key, Suggestion(path, null)),
            };
        }

        return node.Kind switch
        {
            _ when string.IsNullOrEmpty(value) => null,
            SettingKind.Value when node.Names is { } names && !names.Contains(value, StringComparer.OrdinalIgnoreCase) =>
                $"{source.Spell(key)}{source.Where} must be one of {OneOf(names)} (got '{Shown(value)}').",
            SettingKind.Value => null,
            SettingKind.List =>
                $"{source.Spell(key)}{source.Where} is a list, not a single value (got '{Shown(value)}'): give its items as {source.Spell(key + ":0")}, {source.Spell(key + ":1")} and so on.",
            SettingKind.Open => LogLevelProblem(node, segments, value, source),
            _ => $"{source.Spell(key)}{source.Where} is a section, not a single value: set the settings in it, such as {source.Spell(Example(key, node))}.",
        };
    }

    /// <summary>The known key nearest to <paramref name="key"/>: the key itself when it is known.</summary>
    public string Nearest(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var segments = key.Split(':');
        var (node, path, reached) = this.Walk(segments);
        return (reached < segments.Length ? node.Kind : SettingKind.Open) switch
        {
            SettingKind.Section => Suggestion(path, NearestName.Find(string.Join(':', segments[reached..]), Descendants(node)))!,
            SettingKind.List => Join(path, "0"),
            SettingKind.Open => string.Join(':', [.. path, .. segments[reached..]]),
            _ => Suggestion(path, null)!,
        };
    }

    /// <summary>A value made safe to show on one line: control characters replaced, at most 64 characters.</summary>
    public static string Shown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = string.Create(Math.Min(value.Length, ShownValueLength), value, (span, v) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = char.IsControl(v[i]) ? '?' : v[i];
            }
        });
        return value.Length > ShownValueLength ? shown + "…" : shown;
    }

    /// <summary>Follows <paramref name="segments"/> down the known keys: the last node reached, the keys' declared names, and how many segments matched.</summary>
    private (SettingNode Node, List<string> Path, int Reached) Walk(string[] segments)
    {
        var node = this.Root;
        var path = new List<string>();
        var i = 0;
        for (; i < segments.Length; i++)
        {
            if (node.Kind == SettingKind.Section && node.Child(segments[i]) is { } child)
            {
                path.Add(child.Key);
                node = child.Value;
            }
            else if ((node.Kind == SettingKind.List && IsIndex(segments[i])) || node.Kind == SettingKind.Map)
            {
                path.Add(segments[i]);
                node = node.Item!;
            }
            else
            {
                break;
            }
        }

        return (node, path, i);
    }

    private static SettingNode ExporterRoot()
    {
        var web = WebConfigFileKey.Split(':');
        return SettingNode.Section(
        [
            new(ExporterOptions.SectionName, FromType(typeof(ExporterOptions))),
            new(WebConfigFlagKey, SettingNode.Value()),
            new(web[0], SettingNode.Section([new(web[1], SettingNode.Value())])),
            new(WebHostDefaults.ServerUrlsKey, SettingNode.Value()),
            new("AllowedHosts", SettingNode.Value()),
            new(LoggingSection, SettingNode.Open(Enum.GetNames<LogLevel>())),
        ]);
    }

    private static SettingNode FromType(Type type)
    {
        var info = Metadata(type);
        return info.Kind switch
        {
            JsonTypeInfoKind.Object => SettingNode.Section(
                info.Properties.Where(IsBound).Select(p => KeyValuePair.Create(p.Name, FromType(p.PropertyType)))),
            JsonTypeInfoKind.Enumerable => SettingNode.List(FromType(info.ElementType!)),
            JsonTypeInfoKind.Dictionary => SettingNode.Map(FromType(info.ElementType!)),
            _ => SettingNode.Value((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType ? Enum.GetNames(enumType) : null),
        };
    }

    /// <summary>The binder sets settable properties, and fills get-only collections and objects; a computed value (EffectiveStaleAfter) is no setting.</summary>
    private static bool IsBound(JsonPropertyInfo property) =>
        property.Set is not null || Metadata(property.PropertyType).Kind != JsonTypeInfoKind.None;

    private static JsonTypeInfo Metadata(Type type) =>
        SettingsMetadata.Default.GetTypeInfo(type) ?? throw new InvalidOperationException($"{nameof(SettingsMetadata)} has no metadata for {type}.");

    /// <summary>Every key below <paramref name="node"/>, relative to it (list items as item 0), for suggestions.</summary>
    private static IEnumerable<string> Descendants(SettingNode node)
    {
        var below = node.Kind switch
        {
            SettingKind.Section => node.Children,
            SettingKind.List => [KeyValuePair.Create("0", node.Item!)],
            _ => [],
        };
        foreach (var (name, child) in below)
        {
            yield return name;
            foreach (var descendant in Descendants(child))
            {
                yield return name + ":" + descendant;
            }
        }
    }

    private static string? LogLevelProblem(SettingNode node, string[] segments, string? value, SettingSource source)
    {
        var key = string.Join(':', segments);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (segments.Length >= 3 && string.Equals(segments[^2], LogLevelSegment, StringComparison.OrdinalIgnoreCase)
            && !node.Names!.Contains(value, StringComparer.OrdinalIgnoreCase))
        {
            return $"{source.Spell(key)}{source.Where} must be a log level, one of {OneOf(node.Names!)} (got '{Shown(value)}').";
        }

        return segments.Length == 1 || string.Equals(segments[^1], LogLevelSegment, StringComparison.OrdinalIgnoreCase)
            ? $"{source.Spell(key)}{source.Where} is a section, not a single value: set the settings in it, such as {source.Spell(LoggingSection + ":" + LogLevelSegment + ":Default")}."
            : null;
    }

    private static string Unknown(SettingSource source, string key, string? suggestion) =>
        suggestion is null
            ? $"unknown {source.Noun} {source.Spell(key)}{source.Where}."
            : $"unknown {source.Noun} {source.Spell(key)}{source.Where}; did you mean {source.Spell(suggestion)}?";

    private static string Example(string key, SettingNode node) => node.Kind switch
    {
        SettingKind.Section when node.Children.Count > 0 => key + ":" + node.Children[0].Key,
        _ => key + ":NAME",
    };

    private static string? Suggestion(List<string> path, string? relative) =>
        relative is null ? (path.Count == 0 ? null : string.Join(':', path)) : string.Join(':', [.. path, relative]);

    private static string Join(List<string> path, string last) => string.Join(':', [.. path, last]);

    private static bool IsIndex(string segment) => segment.Length is > 0 and < 10 && segment.All(char.IsAsciiDigit);

    private static string OneOf(IReadOnlyList<string> names) => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];
}
