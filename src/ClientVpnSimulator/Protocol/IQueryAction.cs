namespace ClientVpnSimulator.Protocol;

/// <summary>One EC2 or STS action the simulator implements.</summary>
internal interface IQueryAction
{
    /// <summary>The <c>Action</c> parameter value, such as <c>DescribeClientVpnConnections</c>.</summary>
    string Name { get; }

    /// <summary>The service the action belongs to, which decides the format of its errors.</summary>
    QueryService Service { get; }

    /// <summary>Answers the request.</summary>
    /// <exception cref="QueryErrorException">The request is to be answered with an error.</exception>
    QueryResult Execute(QueryRequest request);
}
