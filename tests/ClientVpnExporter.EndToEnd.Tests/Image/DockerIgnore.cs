using System.Text;
using System.Text.RegularExpressions;

namespace ClientVpnExporter.EndToEnd.Tests.Image;

/// <summary>
/// The .dockerignore rules as Docker applies them: patterns relative to the context root, <c>*</c> and <c>?</c>
/// within one path element, <c>**</c> across any number, <c>!</c> re-includes; a matched folder excludes all
/// below it; the last matching pattern wins.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> rules = [];

    public DockerIgnore(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..]).Trim().Trim('/');
            this.rules.Add((new Regex("^" + ToRegex(pattern) + "$"), exclude));
        }
    }

    /// <summary>Whether a path (relative to the context, with /) is left out of the build context.</summary>
    public bool Excludes(string relativePath)
    {
        var parts = relativePath.Split('/');
        for (var i = 1; i <= parts.Length; i++)
        {
            // A folder that is excluded takes everything below it along.
            var prefix = string.Join('/', parts.Take(i));
            if (this.Matches(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(string path)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in this.rules)
        {
            if (pattern.IsMatch(path))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static string ToRegex(string pattern)
    {
        var result = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                // "**/" matches any number of folders, none included.
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                result.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                result.Append("[^/]*");
            }
            else if (c == '?')
            {
                result.Append("[^/]");
            }
            else
            {
                result.Append(Regex.Escape(c.ToString()));
            }
        }

        return result.ToString();
    }
}
