using System.Text.Json;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// An Organizations listing action: the caller checked as one that may read the organisation, one page of its items
/// (see <see cref="OrganizationPage{T}"/>), written as <c>{"LIST":[…],"NextToken":…}</c>.
/// </summary>
/// <typeparam name="T">The listed item.</typeparam>
internal abstract class OrganizationListAction<T> : IQueryAction
{
    private readonly PageTokenCodec tokens;

    /// <summary>Lists from <paramref name="organization"/>, its pages continued by tokens of <paramref name="tokens"/>.</summary>
    protected OrganizationListAction(Organization organization, PageTokenCodec tokens)
    {
        this.Organization = organization;
        this.tokens = tokens;
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public AwsService Service => AwsService.Organizations;

    /// <summary>The organisation listed.</summary>
    protected Organization Organization { get; }

    /// <summary>The member the items are written in, such as <c>Accounts</c>.</summary>
    protected abstract string ListMember { get; }

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = OrganizationPage<T>.Read(request, this.Organization, this.tokens, $"{this.Name}/{this.ListingOf(request)}", () => this.Items(request), this.PositionOf);
        return new JsonQueryResult(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(this.ListMember);
            foreach (var item in page.Items)
            {
                writer.WriteStartObject();
                this.WriteItem(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            page.WriteNextToken(writer);
            writer.WriteEndObject();
        });
    }

    /// <summary>What a page token of this request continues, beyond the action: its parent, child or resource.</summary>
    protected virtual string ListingOf(QueryRequest request) => string.Empty;

    /// <summary>Every item the request lists, in position order.</summary>
    /// <exception cref="QueryErrorException">A parameter is invalid or names nothing.</exception>
    protected abstract IReadOnlyList<T> Items(QueryRequest request);

    /// <summary>Where an item stands in the listing: what a page token continues after.</summary>
    protected abstract long PositionOf(T item);

    /// <summary>Writes an item's members.</summary>
    protected abstract void WriteItem(Utf8JsonWriter writer, T item);
}
