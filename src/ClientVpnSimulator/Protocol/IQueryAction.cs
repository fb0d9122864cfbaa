namespace ClientVpnSimulator.Protocol;

/// <summary>One EC2 action the simulator implements.</summary>
internal interface IQueryAction
{
    /// <summary>The <c>Action</c> parameter value, such as <c>DescribeClientVpnConnections</c>.</summary>
    string Name { get; }

    /// <summary>Answers the request.</summary>
    /// <exception cref="Ec2ErrorException">The request is to be answered with an EC2 error.</exception>
    QueryResult Execute(QueryRequest request);
}
