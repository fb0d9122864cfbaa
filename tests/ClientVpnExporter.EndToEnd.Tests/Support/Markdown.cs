using System.Text;
using System.Text.RegularExpressions;

namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>Headings of a Markdown document and the anchors GitHub gives them.</summary>
internal static partial class Markdown
{
    public static IReadOnlyList<string> Headings(string text) =>
        [.. HeadingPattern().Matches(text).Select(m => m.Groups[1].Value.Trim())];

    /// <summary>The fragment GitHub links a heading with: lower case, punctuation dropped, spaces to hyphens.</summary>
    public static string Anchor(string heading)
    {
        var result = new StringBuilder();
        foreach (var c in heading.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                result.Append(c);
            }
            else if (c == ' ')
            {
                result.Append('-');
            }
        }

        return result.ToString();
    }

    /// <summary>Every anchor in the document, numbered as GitHub numbers repeated headings (-1, -2, …).</summary>
    public static IReadOnlySet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var heading in Headings(text))
        {
            var anchor = Anchor(heading);
            var count = seen.GetValueOrDefault(anchor);
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
            seen[anchor] = count + 1;
        }

        return anchors;
    }

    [GeneratedRegex(@"^#{1,6}\s+(.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex HeadingPattern();
}
