namespace ClientVpnSimulator.Protocol;

/// <summary>The end of the pipeline: runs the action a request names and turns its errors into answers.</summary>
/// <remarks>
/// Action names are unique across services (fault and deny rules, and ground truth's request counts, name
/// actions by name alone), so two services' actions of the same name cannot both be registered.
/// </remarks>
internal sealed class ActionDispatcher
{
    private readonly Dictionary<string, IQueryAction> actions;

    /// <summary>Creates a dispatcher over <paramref name="actions"/>.</summary>
    /// <exception cref="ArgumentException">Two actions have the same name.</exception>
    public ActionDispatcher(IEnumerable<IQueryAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        this.actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The actions implemented.</summary>
    public IEnumerable<IQueryAction> Actions => this.actions.Values;

    /// <summary>The names of the actions implemented.</summary>
    public IEnumerable<string> ActionNames => this.actions.Keys;

    /// <summary>
    /// The service a Query request is for: an implemented Query action's own, else the one its API version
    /// names (EC2 by default). A JSON action's name in a form is not that action: EC2's, unknown.
    /// </summary>
    public AwsService ServiceOf(string action, string? version) =>
        this.actions.TryGetValue(action, out var known) && known.Service.Protocol != WireProtocol.Json ? known.Service : AwsService.ByVersion(version);

    /// <summary>Runs the action named by the request, if its service has it.</summary>
    public QueryResult Dispatch(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.Action.Length == 0)
            {
                throw new QueryErrorException(QueryError.MissingParameter("Action"));
            }

            if (!this.actions.TryGetValue(request.Action, out var action) || action.Service != request.Service)
            {
                throw new QueryErrorException(request.Service.UnknownAction(request.Action));
            }

            return action.Execute(request);
        }
        catch (QueryErrorException e)
        {
            return new ErrorQueryResult(e.Error, request.RequestId, request.Service);
        }
    }
}
