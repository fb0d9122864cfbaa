namespace ClientVpnSimulator.Protocol;

/// <summary>
/// What a pipeline stage or an action answers: a status and a body written on demand, so that a stage
/// can inspect, replace or mangle the answer of the stages after it.
/// </summary>
internal abstract class QueryResult
{
    /// <summary>The HTTP status of the answer.</summary>
    public abstract int StatusCode { get; }

    /// <summary>The HTTP content type of the answer.</summary>
    public virtual string ContentType => "text/xml;charset=UTF-8";

    /// <summary>Writes the body.</summary>
    public abstract void WriteTo(Stream stream);
}
