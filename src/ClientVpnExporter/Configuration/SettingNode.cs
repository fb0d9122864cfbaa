namespace ClientVpnExporter.Configuration;

/// <summary>One known configuration key: its shape, and what may be below it or in it.</summary>
internal sealed class SettingNode
{
    private SettingNode(SettingKind kind) => this.Kind = kind;

    public SettingKind Kind { get; }

    /// <summary>The settings of a <see cref="SettingKind.Section"/>, in declaration order (for suggestions); names match case-insensitively, as in the binder.</summary>
    public IReadOnlyList<KeyValuePair<string, SettingNode>> Children { get; private init; } = [];

    /// <summary>The shape of each item of a <see cref="SettingKind.List"/> or <see cref="SettingKind.Map"/>.</summary>
    public SettingNode? Item { get; private init; }

    /// <summary>The only values a <see cref="SettingKind.Value"/> takes (an enum's names), or null for any.</summary>
    public IReadOnlyList<string>? Names { get; private init; }

    public static SettingNode Value(IReadOnlyList<string>? names = null) => new(SettingKind.Value) { Names = names };

    public static SettingNode Section(IEnumerable<KeyValuePair<string, SettingNode>> children) => new(SettingKind.Section) { Children = [.. children] };

    public static SettingNode List(SettingNode item) => new(SettingKind.List) { Item = item };

    public static SettingNode Map(SettingNode item) => new(SettingKind.Map) { Item = item };

    /// <summary>Anything below; a value under a segment <c>LogLevel</c> must be one of <paramref name="levels"/>.</summary>
    public static SettingNode Open(IReadOnlyList<string> levels) => new(SettingKind.Open) { Names = levels };

    /// <summary>The setting of a section called <paramref name="name"/> (any case), with its name as declared; null when there is none.</summary>
    public KeyValuePair<string, SettingNode>? Child(string name)
    {
        foreach (var child in this.Children)
        {
            if (string.Equals(child.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return child;
            }
        }

        return null;
    }
}
