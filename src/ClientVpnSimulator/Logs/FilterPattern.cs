using System.Text.RegularExpressions;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// The part of CloudWatch Logs' filter pattern syntax the simulator matches: empty (every event), terms (a word or a
/// quoted phrase, all of which the message must contain), and a JSON pattern of <c>$.field = "value"</c>,
/// <c>$.field != "value"</c> or <c>$.field = *</c> conditions joined by <c>&amp;&amp;</c>. Anything else is refused with
/// the <c>InvalidParameterException</c> CloudWatch Logs gives a pattern it cannot read.
/// </summary>
internal sealed partial class FilterPattern
{
    private readonly IReadOnlyList<string> terms;
    private readonly IReadOnlyList<(string Field, bool Equal, string? Value)> conditions;

    private FilterPattern(IReadOnlyList<string> terms, IReadOnlyList<(string Field, bool Equal, string? Value)> conditions)
    {
        this.terms = terms;
        this.conditions = conditions;
    }

    /// <summary>Whether the pattern matches every event.</summary>
    public bool MatchesAll => this.terms.Count == 0 && this.conditions.Count == 0;

    /// <summary>Reads <paramref name="text"/>; null or blank matches every event.</summary>
    /// <exception cref="QueryErrorException">The pattern is not one the simulator can read.</exception>
    public static FilterPattern Parse(string? text)
    {
        var pattern = text?.Trim() ?? string.Empty;
        if (pattern.Length == 0)
        {
            return new([], []);
        }

        if (pattern.StartsWith('{'))
        {
            var json = JsonPattern().Match(pattern);
            if (!json.Success)
            {
                throw Invalid(pattern);
            }

            return new([], [.. json.Groups["cond"].Captures.Select(c => Condition().Match(c.Value)).Select(m => (
                m.Groups["field"].Value,
                m.Groups["op"].Value == "=",
                m.Groups["star"].Success ? null : m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["bare"].Value))]);
        }

        var terms = Terms().Match(pattern);
        if (!terms.Success)
        {
            throw Invalid(pattern);
        }

        return new([.. terms.Groups["term"].Captures.Select(c => c.Value.Trim('"'))], []);
    }

    /// <summary>Whether an event of <paramref name="fields"/> and text <paramref name="message"/> matches.</summary>
    public bool Matches(IReadOnlyList<KeyValuePair<string, string>> fields, string message)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(message);
        foreach (var term in this.terms)
        {
            if (!message.Contains(term, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var (field, equal, value) in this.conditions)
        {
            var found = fields.FirstOrDefault(f => f.Key == field).Value;
            var holds = value is null ? found is not null : string.Equals(found, value, StringComparison.Ordinal);
            if (holds != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static QueryErrorException Invalid(string pattern) =>
        new(new QueryError(400, "InvalidParameterException", $"Invalid filter pattern: {pattern}"));

    [GeneratedRegex("""^\{\s*(?<cond>\$\.[A-Za-z0-9_-]+\s*!?=\s*(?:\*|"[^"]*"|[A-Za-z0-9_.:@/-]+))(?:\s*&&\s*(?<cond>\$\.[A-Za-z0-9_-]+\s*!?=\s*(?:\*|"[^"]*"|[A-Za-z0-9_.:@/-]+)))*\s*\}$""")]
    private static partial Regex JsonPattern();

    [GeneratedRegex("""^\$\.(?<field>[A-Za-z0-9_-]+)\s*(?<op>!?=)\s*(?:(?<star>\*)|"(?<quoted>[^"]*)"|(?<bare>[A-Za-z0-9_.:@/-]+))$""")]
    private static partial Regex Condition();

    [GeneratedRegex("""^(?:\s*(?<term>"[^"]+"|[A-Za-z0-9_.:@/]+[A-Za-z0-9_.:@/-]*))+\s*$""")]
    private static partial Regex Terms();
}
