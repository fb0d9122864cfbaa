namespace ClientVpnExporter.Configuration;

/// <summary>Where a setting was given, so that a problem names it as the user wrote it (<c>--A:B</c>, <c>A__B</c>, <c>A:B in file</c>).</summary>
internal sealed record SettingSource(string Noun, string Where, Func<string, string> Spell)
{
    public static readonly SettingSource CommandLine = new("flag", "", key => "--" + key);

    public static readonly SettingSource Environment = new("setting", " (environment variable)", key => key.Replace(":", "__", StringComparison.Ordinal));

    public static SettingSource File(string path) => new("setting", $" in {path}", key => key);
}
