using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Checks what the host's configuration sources hold against <see cref="SettingsSchema"/>. Settings files are checked
/// whole; environment variables only in the exporter's sections (<see cref="SettingsSchema.EnvironmentSections"/>), since
/// the rest of the environment (PATH, HOME, AWS_*) is no setting. The command line is checked as it is parsed
/// (<c>CommandLineArguments</c>), and in-memory sources are the code's own.
/// </summary>
internal static class ConfigurationSourcesCheck
{
    /// <summary>The settings files beside the binary that would be refused, checked before the host reads them.</summary>
    public static IEnumerable<string> SettingsFileProblems(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "appsettings*.json"))
        {
            if (BoundedFile.Refusal(file) is { } refusal)
            {
                yield return $"{file} {refusal}.";
            }
        }
    }

    /// <summary>Unknown keys and misshapen values in the settings files and the exporter's environment variables.</summary>
    public static IEnumerable<string> SourceProblems(IConfigurationRoot configuration, SettingsSchema schema)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(schema);
        foreach (var provider in configuration.Providers)
        {
            var (source, keys) = provider switch
            {
                JsonConfigurationProvider json => (
                    SettingSource.File(json.Source.FileProvider?.GetFileInfo(json.Source.Path ?? "").PhysicalPath ?? json.Source.Path ?? "settings file"),
                    Keys(provider, null)),
                EnvironmentVariablesConfigurationProvider => (
                    SettingSource.Environment,
                    Keys(provider, null).Where(k => SettingsSchema.EnvironmentSections.Any(section => IsIn(k.Key, section)))),
                _ => (null, []),
            };
            foreach (var (key, value) in keys)
            {
                if (schema.Problem(key, value, source!) is { } problem)
                {
                    yield return problem;
                }
            }
        }
    }

    /// <summary>What is wrong with the listen addresses (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), which Kestrel would only find when binding.</summary>
    public static IEnumerable<string> UrlProblems(string? urls)
    {
        foreach (var url in (urls ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IsListenAddress(url))
            {
                yield return $"{WebHostDefaults.ServerUrlsKey} '{SettingsSchema.Shown(url)}' is not a listen address: give http://HOST:PORT or https://HOST:PORT "
                    + "with a PORT from 0 to 65535, several separated by ';' (e.g. http://+:9926).";
            }
        }
    }

    private static bool IsListenAddress(string url)
    {
        try
        {
            var address = BindingAddress.Parse(url);
            var web = address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase);
            return web && (address.IsUnixPipe || (address.Host.Length > 0 && address.Port is >= 0 and <= 65535));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool IsIn(string key, string section) =>
        key.Equals(section, StringComparison.OrdinalIgnoreCase) || key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase);

    /// <summary>Every key one provider holds, with its value (null for a section without one).</summary>
    private static IEnumerable<(string Key, string? Value)> Keys(IConfigurationProvider provider, string? parent)
    {
        foreach (var child in provider.GetChildKeys([], parent).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = parent is null ? child : parent + ":" + child;
            if (provider.TryGet(key, out var value))
            {
                yield return (key, value);
            }

            foreach (var below in Keys(provider, key))
            {
                yield return below;
            }
        }
    }
}
