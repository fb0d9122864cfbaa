using System.Globalization;

namespace ClientVpnSimulator.Protocol;

/// <summary>Parameters every paginated Describe action reads the same way.</summary>
internal static class CommonParameters
{
    /// <summary>The smallest <c>MaxResults</c> Client VPN accepts.</summary>
    public const int MinMaxResults = 5;

    /// <summary>The largest <c>MaxResults</c>, also the page size when it is absent.</summary>
    public const int MaxMaxResults = 1000;

    /// <summary>The page size the request asks for.</summary>
    /// <exception cref="Ec2ErrorException">It is not an integer in 5..1000.</exception>
    public static int MaxResults(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Get("MaxResults");
        if (text is null)
        {
            return MaxMaxResults;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            || value < MinMaxResults || value > MaxMaxResults)
        {
            throw new Ec2ErrorException(Ec2Error.InvalidParameterValue(
                $"Value ( {text} ) for parameter maxResults is invalid. Parameter must be between {MinMaxResults} and {MaxMaxResults}."));
        }

        return value;
    }

    /// <summary>Rejects filters whose name the action does not support.</summary>
    public static void RequireKnownFilters(IReadOnlyList<QueryFilter> filters, params string[] supported)
    {
        ArgumentNullException.ThrowIfNull(filters);
        foreach (var filter in filters)
        {
            if (!supported.Contains(filter.Name, StringComparer.Ordinal))
            {
                throw new Ec2ErrorException(Ec2Error.InvalidParameterValue($"The filter '{filter.Name}' is invalid"));
            }
        }
    }

    /// <summary>The values of every filter with that name; null when none has it (no restriction).</summary>
    public static HashSet<string>? FilterValues(IReadOnlyList<QueryFilter> filters, string name)
    {
        ArgumentNullException.ThrowIfNull(filters);
        HashSet<string>? values = null;
        foreach (var filter in filters.Where(f => f.Name == name))
        {
            // Two filters of the same name are ANDed: only values in both can match.
            var these = new HashSet<string>(filter.Values, StringComparer.Ordinal);
            if (values is null)
            {
                values = these;
            }
            else
            {
                values.IntersectWith(these);
            }
        }

        return values;
    }
}
