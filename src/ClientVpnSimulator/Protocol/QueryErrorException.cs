namespace ClientVpnSimulator.Protocol;

/// <summary>Ends an action early with an error; the dispatcher turns it into the error response.</summary>
internal sealed class QueryErrorException : Exception
{
    /// <summary>Carries <paramref name="error"/> to the dispatcher.</summary>
    public QueryErrorException(QueryError error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        this.Error = error;
    }

    /// <summary>The error to answer with.</summary>
    public QueryError Error { get; }
}
