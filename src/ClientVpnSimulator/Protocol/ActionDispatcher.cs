namespace ClientVpnSimulator.Protocol;

/// <summary>The end of the pipeline: runs the action a request names and turns EC2 errors into answers.</summary>
internal sealed class ActionDispatcher
{
    private readonly Dictionary<string, IQueryAction> _actions;

    /// <summary>Creates a dispatcher over <paramref name="actions"/>.</summary>
    public ActionDispatcher(IEnumerable<IQueryAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        _actions = actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
    }

    /// <summary>The names of the actions implemented.</summary>
    public IEnumerable<string> ActionNames => _actions.Keys;

    /// <summary>Runs the action named by the request.</summary>
    public QueryResult Dispatch(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            if (request.Action.Length == 0)
            {
                throw new Ec2ErrorException(Ec2Error.MissingParameter("Action"));
            }

            if (!_actions.TryGetValue(request.Action, out var action))
            {
                throw new Ec2ErrorException(Ec2Error.InvalidAction(request.Action));
            }

            return action.Execute(request);
        }
        catch (Ec2ErrorException e)
        {
            return new ErrorQueryResult(e.Error, request.RequestId);
        }
    }
}
