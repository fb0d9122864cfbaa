using System.Globalization;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// One page of an Organizations listing: <c>MaxResults</c> 1 to 20 (20 when absent, as AWS pages), and a
/// <c>NextToken</c> that continues after the last item's position, so members joining or leaving between pages
/// neither repeat nor skip the others.
/// </summary>
/// <typeparam name="T">The listed item.</typeparam>
/// <param name="Items">The page's items.</param>
/// <param name="NextToken">The token of the next page; null on the last.</param>
internal sealed record OrganizationPage<T>(IReadOnlyList<T> Items, string? NextToken)
{
    // The wire member, not this type's property of the same name.
    private const string NextTokenMember = "NextToken";

    /// <summary>The most items a page holds, and the page size when <c>MaxResults</c> is absent.</summary>
    public const int MaxPageSize = 20;

    /// <summary>
    /// The page of <paramref name="items"/> (in position order) that <paramref name="request"/> asks for, the caller
    /// first checked as one that may read the organisation.
    /// </summary>
    /// <exception cref="QueryErrorException">The caller may not read the organisation, or a parameter is invalid.</exception>
    public static OrganizationPage<T> Read(
        QueryRequest request, Organization organization, PageTokenCodec tokens, string listing, Func<IReadOnlyList<T>> items, Func<T, long> positionOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(organization);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(positionOf);
        if (organization.RefusalToRead(request.AccountId) is { } refusal)
        {
            throw new QueryErrorException(refusal);
        }

        var size = MaxPageSize;
        if (request.Get("MaxResults") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > MaxPageSize))
        {
            throw new QueryErrorException(OrganizationsErrors.InvalidInput($"You specified an invalid value for MaxResults: {text}. It must be between 1 and {MaxPageSize}."));
        }

        var (after, page) = (long.MinValue, 1);
        if (request.Get("NextToken") is { } token && !tokens.TryDecode(token, listing, out after, out page))
        {
            throw new QueryErrorException(request.Service.InvalidNextToken);
        }

        var rest = items().Where(i => positionOf(i) > after).ToList();
        var shown = rest.Take(size).ToList();
        return new OrganizationPage<T>(shown, rest.Count > size ? tokens.Encode(listing, positionOf(shown[^1]), page + 1) : null);
    }

    /// <summary>Writes the page's <c>NextToken</c>, when it has one.</summary>
    public void WriteNextToken(System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (this.NextToken is not null)
        {
            writer.WriteString(NextTokenMember, this.NextToken);
        }
    }
}
