namespace ClientVpnSimulator.Protocol;

/// <summary>How a service's requests and answers are shaped on the wire.</summary>
internal enum WireProtocol
{
    /// <summary>EC2's Query dialect: a form body, XML answers with lower-camel names, errors in <c>&lt;Response&gt;&lt;Errors&gt;</c>.</summary>
    Ec2Query,

    /// <summary>The AWS Query protocol (STS, IAM): a form body, XML answers in the service's namespace, errors in <c>&lt;ErrorResponse&gt;</c>.</summary>
    Query,

    /// <summary>AWS JSON 1.1: <c>POST /</c> with <c>X-Amz-Target: Prefix.Action</c> and a JSON body; errors as <c>{"__type": …}</c>.</summary>
    Json,
}
