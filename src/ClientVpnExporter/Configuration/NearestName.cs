namespace ClientVpnExporter.Configuration;

/// <summary>The known name nearest to a mistyped one, by edit distance ignoring case.</summary>
internal static class NearestName
{
    /// <summary>
    /// The candidate (a path like <c>ClientVpn:PollInterval</c>) nearest to <paramref name="given"/>, comparing with the
    /// whole path and with its last segment, so that <c>PollIntervall</c> finds <c>ClientVpn:PollInterval</c>.
    /// </summary>
    public static string? Find(string given, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var last = candidate[(candidate.LastIndexOf(':') + 1)..];
            var distance = Math.Min(Distance(given, candidate), Distance(given, last) + 1);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>Levenshtein distance, case-insensitive.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
