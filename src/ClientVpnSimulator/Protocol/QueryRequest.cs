using System.Globalization;
using ClientVpnSimulator.Accounts;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// One request of any service and protocol: its action, its parameters, who signed it, the account it acts in and
/// the id its response will carry. A Query request's parameters are its form; a JSON request's are its body's
/// top-level members (scalars as text, lists of scalars as <c>Name.1</c>, <c>Name.2</c>, …).
/// </summary>
internal sealed class QueryRequest
{
    private readonly IReadOnlyDictionary<string, string> parameters;

    /// <summary>Creates a request from already decoded parameters.</summary>
    /// <param name="parameters">The form and query-string parameters, or the JSON body's members.</param>
    /// <param name="action">The action asked for: the <c>Action</c> parameter, or what follows the dot of <c>X-Amz-Target</c>.</param>
    /// <param name="requestId">The id the response carries.</param>
    /// <param name="service">The service whose action is asked for, which decides the error format.</param>
    /// <param name="caller">Who signed the request.</param>
    /// <param name="accountId">The account the request acts in.</param>
    public QueryRequest(IReadOnlyDictionary<string, string> parameters, string action, string requestId, AwsService service, Caller caller, string accountId)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(caller);
        this.parameters = parameters;
        this.RequestId = requestId;
        this.Service = service;
        this.Caller = caller;
        this.AccountId = accountId;
        this.Action = action;
    }

    /// <summary>The action asked for; empty when absent.</summary>
    public string Action { get; }

    /// <summary>The id the response reports as <c>requestId</c>.</summary>
    public string RequestId { get; }

    /// <summary>The service whose action is asked for.</summary>
    public AwsService Service { get; }

    /// <summary>Who signed the request.</summary>
    public Caller Caller { get; }

    /// <summary>The account the request acts in: whose fleet it sees, and what faults and denials of an account match.</summary>
    public string AccountId { get; }

    /// <summary>The region the request was signed for; null when unsigned.</summary>
    public string? Region { get; init; }

    /// <summary>False when the request's region is not one the accounts' endpoints are in (see <c>SimulatorOptions.EndpointRegions</c>).</summary>
    public bool InEndpointRegion { get; private init; } = true;

    /// <summary>The account whose endpoints the request sees: its own, or none (null) outside the endpoints' regions.</summary>
    public string? FleetAccountId => this.InEndpointRegion ? this.AccountId : null;

    /// <summary>Set by fault injection: the paginated Describe action answers this request with an untidy page.</summary>
    public UntidyPage? UntidyPage { get; private init; }

    /// <summary>This request, asking for an untidy page.</summary>
    public QueryRequest WithUntidyPage(UntidyPage page) => this.Copy(page, this.InEndpointRegion);

    /// <summary>This request, made in a region where its account has no endpoints.</summary>
    public QueryRequest OutsideEndpointRegions() => this.Copy(this.UntidyPage, inEndpointRegion: false);

    /// <summary>A parameter's value, or null when it is absent or empty.</summary>
    public string? Get(string name) =>
        this.parameters.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    /// <summary>Whether <c>DryRun</c> is true.</summary>
    public bool IsDryRun => string.Equals(this.Get("DryRun"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The members of a list parameter (<c>Name.1</c>, <c>Name.2</c>, …) in index order.</summary>
    public IReadOnlyList<string> GetList(string name) =>
        [.. this.Indexed(name + ".").Select(pair => pair.Value)];

    /// <summary>The <c>Filter.N.Name</c> / <c>Filter.N.Value.M</c> parameters, in index order.</summary>
    /// <exception cref="QueryErrorException">A filter has no name or no value.</exception>
    public IReadOnlyList<QueryFilter> GetFilters()
    {
        var filters = new SortedDictionary<int, (string? Name, SortedDictionary<int, string> Values)>();
        foreach (var (key, value) in this.parameters)
        {
            if (!key.StartsWith("Filter.", StringComparison.Ordinal))
            {
                continue;
            }

            var parts = key.Split('.');
            if (!TryIndex(parts[1], out var index))
            {
                continue;
            }

            var filter = filters.TryGetValue(index, out var existing) ? existing : (null, new SortedDictionary<int, string>());
            if (parts.Length == 3 && parts[2] == "Name")
            {
                filter.Name = value;
            }
            else if (parts.Length == 4 && parts[2] == "Value" && TryIndex(parts[3], out var valueIndex))
            {
                filter.Values[valueIndex] = value;
            }

            filters[index] = filter;
        }

        var result = new List<QueryFilter>(filters.Count);
        foreach (var (index, (name, values)) in filters)
        {
            if (string.IsNullOrEmpty(name))
            {
                throw new QueryErrorException(QueryError.MissingParameter($"Filter.{index}.Name"));
            }

            if (values.Count == 0)
            {
                throw new QueryErrorException(QueryError.InvalidParameterValue($"The filter '{name}' has no values."));
            }

            result.Add(new QueryFilter(name, [.. values.Values]));
        }

        return result;
    }

    private QueryRequest Copy(UntidyPage? page, bool inEndpointRegion) =>
        new(this.parameters, this.Action, this.RequestId, this.Service, this.Caller, this.AccountId)
        {
            Region = this.Region,
            UntidyPage = page,
            InEndpointRegion = inEndpointRegion,
        };

    private SortedDictionary<int, string> Indexed(string prefix)
    {
        var members = new SortedDictionary<int, string>();
        foreach (var (key, value) in this.parameters)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && TryIndex(key[prefix.Length..], out var index))
            {
                members[index] = value;
            }
        }

        return members;
    }

    private static bool TryIndex(string text, out int index) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
}
