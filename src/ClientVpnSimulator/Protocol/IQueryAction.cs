namespace ClientVpnSimulator.Protocol;

/// <summary>One action the simulator implements, of any service and protocol (EC2, STS, IAM, ACM, …).</summary>
internal interface IQueryAction
{
    /// <summary>The <c>Action</c> parameter value, such as <c>DescribeClientVpnConnections</c>.</summary>
    string Name { get; }

    /// <summary>The service the action belongs to, which decides how it is recognised and the format of its errors.</summary>
    AwsService Service { get; }

    /// <summary>Answers the request.</summary>
    /// <exception cref="QueryErrorException">The request is to be answered with an error.</exception>
    QueryResult Execute(QueryRequest request);
}
