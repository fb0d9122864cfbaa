using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// Asks a paginated Describe action for a page shaped as EC2's sometimes are: cut short before the end, or,
/// at the end, still carrying a <c>NextToken</c> that leads to an empty page. Set on a request by fault
/// injection; the action's pagination says whether it changed the page.
/// </summary>
internal sealed class UntidyPage
{
    private readonly SeededRandom random;

    /// <summary>Creates the request's untidy page, its draws seeded by <paramref name="seed"/>.</summary>
    public UntidyPage(ulong seed)
    {
        this.random = new SeededRandom(seed);
    }

    /// <summary>Whether the page answered differs from the tidy one.</summary>
    public bool Applied { get; private set; }

    /// <summary>How many of a full page's <paramref name="maxResults"/> items a short page keeps: 0 up to one less.</summary>
    public int ShortLength(int maxResults)
    {
        this.Applied = true;
        return this.random.NextInt(maxResults);
    }

    /// <summary>Records that the last page was given a token anyway.</summary>
    public void MarkTokenAtEnd() => this.Applied = true;
}
