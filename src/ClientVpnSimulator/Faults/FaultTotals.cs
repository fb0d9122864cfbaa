namespace ClientVpnSimulator.Faults;

/// <summary>How many faults of each kind were injected, as ground truth reports them under <c>faults</c>.</summary>
/// <param name="Throttle">Requests answered throttled.</param>
/// <param name="ServerError">Requests answered with a 5xx.</param>
/// <param name="Latency">Requests delayed.</param>
/// <param name="Hang">Requests left unanswered.</param>
/// <param name="TruncatedXml">Answers cut in half.</param>
/// <param name="MalformedXml">Answers replaced with something that is not XML.</param>
/// <param name="AuthFailure">Requests answered as unauthenticated.</param>
/// <param name="EndpointNotFound">Per-endpoint requests (connections, target networks, rules, routes, CRL) answered NotFound for a listed endpoint.</param>
/// <param name="InvalidNextToken">Page tokens refused.</param>
/// <param name="MalformedFields">Connection items whose fields were replaced.</param>
/// <param name="UntidyPages">Describe pages answered short before the end, or with a token at or past it.</param>
internal sealed record FaultTotals(
    long Throttle,
    long ServerError,
    long Latency,
    long Hang,
    long TruncatedXml,
    long MalformedXml,
    long AuthFailure,
    long EndpointNotFound,
    long InvalidNextToken,
    long MalformedFields,
    long UntidyPages);
