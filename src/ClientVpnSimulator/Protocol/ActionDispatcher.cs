namespace ClientVpnSimulator.Protocol;

/// <summary>The end of the pipeline: runs the action a request names and turns its errors into answers.</summary>
internal sealed class ActionDispatcher
{
    /// <summary>The <c>Version</c> STS requests carry, which tells an unknown STS action from an unknown EC2 one.</summary>
    public const string StsVersion = "2011-06-15";

    private readonly Dictionary<string, IQueryAction> actions;

    /// <summary>Creates a dispatcher over <paramref name="actions"/>.</summary>
    public ActionDispatcher(IEnumerable<IQueryAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        this.actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The names of the actions implemented.</summary>
    public IEnumerable<string> ActionNames => this.actions.Keys;

    /// <summary>The service of an action; for an action not implemented, the one its API version names.</summary>
    public QueryService ServiceOf(string action, string? version) =>
        this.actions.TryGetValue(action, out var known) ? known.Service
        : version == StsVersion ? QueryService.Sts
        : QueryService.Ec2;

    /// <summary>Runs the action named by the request.</summary>
    public QueryResult Dispatch(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.Action.Length == 0)
            {
                throw new QueryErrorException(QueryError.MissingParameter("Action"));
            }

            if (!this.actions.TryGetValue(request.Action, out var action))
            {
                throw new QueryErrorException(QueryError.InvalidAction(request.Action));
            }

            return action.Execute(request);
        }
        catch (QueryErrorException e)
        {
            return new ErrorQueryResult(e.Error, request.RequestId, request.Service);
        }
    }
}
