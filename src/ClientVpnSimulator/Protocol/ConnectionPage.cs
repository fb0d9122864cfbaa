namespace ClientVpnSimulator.Protocol;

/// <summary>One page of DescribeClientVpnConnections, taken at one simulated instant.</summary>
/// <param name="EndpointId">The endpoint listed.</param>
/// <param name="NowMs">The simulated now, reported as every connection's <c>timestamp</c>.</param>
/// <param name="Connections">The connections of the page, in listing order.</param>
/// <param name="ContinueAfter">The sequence to continue after when more match; null on the last page.</param>
internal sealed record ConnectionPage(string EndpointId, long NowMs, IReadOnlyList<ConnectionSnapshot> Connections, long? ContinueAfter);
