using System.Globalization;

namespace ClientVpnSimulator.Protocol;

/// <summary>The parameters every paginated Describe action reads the same way: filters, page size, page token and dry run.</summary>
internal sealed class DescribeParameters
{
    /// <summary>The smallest <c>MaxResults</c> Client VPN accepts.</summary>
    public const int MinMaxResults = 5;

    /// <summary>The largest <c>MaxResults</c>, also the page size when it is absent.</summary>
    public const int MaxMaxResults = 1000;

    private readonly IReadOnlyList<QueryFilter> _filters;

    private DescribeParameters(IReadOnlyList<QueryFilter> filters, int maxResults, long after)
    {
        _filters = filters;
        MaxResults = maxResults;
        After = after;
    }

    /// <summary>The page size.</summary>
    public int MaxResults { get; }

    /// <summary>The listing position to continue after; <see cref="long.MinValue"/> on the first page.</summary>
    public long After { get; }

    /// <summary>
    /// Reads and checks the parameters in the order EC2 reports problems with them, ending with <c>DryRun</c>,
    /// which is answered once the request is known to be valid.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="tokens">Checks the page token.</param>
    /// <param name="listing">What the token must have been issued for.</param>
    /// <param name="supportedFilters">The filter names the action knows.</param>
    /// <exception cref="Ec2ErrorException">A parameter is invalid, or <c>DryRun</c> is set.</exception>
    public static DescribeParameters Read(QueryRequest request, PageTokenCodec tokens, string listing, params string[] supportedFilters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        var filters = request.GetFilters();
        foreach (var filter in filters)
        {
            if (!supportedFilters.Contains(filter.Name, StringComparer.Ordinal))
            {
                throw new Ec2ErrorException(Ec2Error.InvalidParameterValue($"The filter '{filter.Name}' is invalid"));
            }
        }

        var maxResults = ReadMaxResults(request);
        var after = long.MinValue;
        if (request.Get("NextToken") is { } token && !tokens.TryDecode(token, listing, out after))
        {
            throw new Ec2ErrorException(Ec2Error.InvalidNextToken());
        }

        if (request.IsDryRun)
        {
            throw new Ec2ErrorException(Ec2Error.DryRunOperation());
        }

        return new DescribeParameters(filters, maxResults, after);
    }

    /// <summary>The values of every filter with that name; null when none has it (no restriction).</summary>
    public HashSet<string>? FilterValues(string name)
    {
        HashSet<string>? values = null;
        foreach (var filter in _filters.Where(f => f.Name == name))
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

    private static int ReadMaxResults(QueryRequest request)
    {
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
}
