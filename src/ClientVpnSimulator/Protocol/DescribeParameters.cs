using System.Globalization;

namespace ClientVpnSimulator.Protocol;

/// <summary>The parameters every paginated Describe action reads the same way (filters, page size, page token and dry run), and the page and <c>NextToken</c> they lead to.</summary>
internal sealed class DescribeParameters
{
    /// <summary>The smallest <c>MaxResults</c> Client VPN accepts.</summary>
    public const int MinMaxResults = 5;

    /// <summary>The largest <c>MaxResults</c>, also the page size when it is absent.</summary>
    public const int MaxMaxResults = 1000;

    // Where a token issued by an empty untidy last page leads: past every position, to an empty page without a token.
    private const long PastTheEnd = long.MaxValue;

    private readonly IReadOnlyList<QueryFilter> filters;
    private readonly PageTokenCodec tokens;
    private readonly string listing;
    private readonly UntidyPage? untidy;

    private DescribeParameters(IReadOnlyList<QueryFilter> filters, PageTokenCodec tokens, string listing, int maxResults, long after, int page, UntidyPage? untidy)
    {
        this.filters = filters;
        this.tokens = tokens;
        this.listing = listing;
        this.untidy = untidy;
        this.MaxResults = maxResults;
        this.After = after;
        this.Page = page;
    }

    /// <summary>The page size.</summary>
    public int MaxResults { get; }

    /// <summary>The listing position to continue after; <see cref="long.MinValue"/> on the first page.</summary>
    public long After { get; }

    /// <summary>The number of the page asked for: 1 without a token.</summary>
    public int Page { get; }

    /// <summary>
    /// Reads and checks the parameters in the order EC2 reports problems with them, ending with <c>DryRun</c>,
    /// which is answered once the request is known to be valid.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="tokens">Checks the page token.</param>
    /// <param name="listing">What the token must have been issued for.</param>
    /// <param name="supportedFilters">The filter names the action knows.</param>
    /// <exception cref="QueryErrorException">A parameter is invalid, or <c>DryRun</c> is set.</exception>
    public static DescribeParameters Read(QueryRequest request, PageTokenCodec tokens, string listing, params string[] supportedFilters)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tokens);
        var filters = request.GetFilters();
        foreach (var filter in filters)
        {
            if (!supportedFilters.Contains(filter.Name, StringComparer.Ordinal))
            {
                throw new QueryErrorException(QueryError.InvalidParameterValue($"The filter '{filter.Name}' is invalid"));
            }
        }

        var maxResults = ReadMaxResults(request);
        var (after, page) = (long.MinValue, 1);
        if (request.Get("NextToken") is { } token && !tokens.TryDecode(token, listing, out after, out page))
        {
            throw new QueryErrorException(QueryError.InvalidNextToken());
        }

        if (request.IsDryRun)
        {
            throw new QueryErrorException(QueryError.DryRunOperation());
        }

        return new DescribeParameters(filters, tokens, listing, maxResults, after, page, request.UntidyPage);
    }

    /// <summary>The values of every filter with that name; null when none has it (no restriction).</summary>
    public HashSet<string>? FilterValues(string name)
    {
        HashSet<string>? values = null;
        foreach (var filter in this.filters.Where(f => f.Name == name))
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

    /// <summary>
    /// The first <see cref="MaxResults"/> of <paramref name="matching"/>, and the position of the last of them when
    /// another match follows: only then does a tidy page get a <c>NextToken</c>. An untidy page (see
    /// <see cref="UntidyPage"/>) is cut short when another match follows, and otherwise continues anyway: after its
    /// last item, or, when it is already empty, past the end, where the listing ends with an empty page without a token.
    /// </summary>
    public (List<T> Items, long? ContinueAfter) TakePage<T>(IEnumerable<T> matching, Func<T, long> positionOf)
    {
        ArgumentNullException.ThrowIfNull(matching);
        ArgumentNullException.ThrowIfNull(positionOf);
        var items = new List<T>();
        if (this.After == PastTheEnd)
        {
            return (items, null);
        }

        foreach (var item in matching)
        {
            if (items.Count == this.MaxResults)
            {
                if (this.untidy is null)
                {
                    return (items, positionOf(items[^1]));
                }

                var kept = this.untidy.ShortLength(this.MaxResults);
                items.RemoveRange(kept, items.Count - kept);
                return (items, kept > 0 ? positionOf(items[^1]) : this.After);
            }

            items.Add(item);
        }

        if (this.untidy is null)
        {
            return (items, null);
        }

        this.untidy.MarkTokenAtEnd();
        return (items, items.Count > 0 ? positionOf(items[^1]) : PastTheEnd);
    }

    /// <summary>The <c>NextToken</c> that continues this listing after <paramref name="continueAfter"/> on the next page; null when there is none.</summary>
    public string? NextToken(long? continueAfter) =>
        continueAfter is { } position ? this.tokens.Encode(this.listing, position, this.Page + 1) : null;

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
            throw new QueryErrorException(QueryError.InvalidParameterValue(
                $"Value ( {text} ) for parameter maxResults is invalid. Parameter must be between {MinMaxResults} and {MaxMaxResults}."));
        }

        return value;
    }
}
