namespace ClientVpnExporter.Aws;

/// <summary>What discovery learned about one Client VPN endpoint, as the labels of its info series.</summary>
internal sealed record EndpointDescription
{
    public required string EndpointId { get; init; }

    public required string Region { get; init; }

    public string AccountId { get; init; } = "";

    /// <summary>The endpoint's <c>Name</c> tag, empty when it has none.</summary>
    public string Name { get; init; } = "";

    public string Status { get; init; } = "";

    public string Transport { get; init; } = "";

    public string VpnPort { get; init; } = "";

    public string VpcId { get; init; } = "";

    /// <summary>The authentication types, sorted and joined with commas (e.g. <c>certificate-authentication</c>).</summary>
    public string Authentication { get; init; } = "";

    public string SplitTunnel { get; init; } = "";

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>The ACM ARN of the server certificate (<c>serverCertificateArn</c>), empty when none was given.</summary>
    public string ServerCertificateArn { get; init; } = "";

    /// <summary>For mutual authentication, the ACM ARN of the client root certificate chain; empty otherwise.</summary>
    public string ClientRootCertificateChainArn { get; init; } = "";

    /// <summary>For federated authentication, the IAM SAML provider's ARN; empty otherwise.</summary>
    public string SamlProviderArn { get; init; } = "";

    /// <summary>For federated authentication with a self-service portal, its IAM SAML provider's ARN; empty otherwise.</summary>
    public string SelfServiceSamlProviderArn { get; init; } = "";

    /// <summary>The IPv4 range client addresses are assigned from (<c>clientCidrBlock</c>), e.g. <c>10.100.0.0/22</c>.</summary>
    public string ClientCidrBlock { get; init; } = "";

    /// <summary>Whether a client-connect handler (a Lambda function) authorizes new connections.</summary>
    public bool ClientConnectEnabled { get; init; }

    /// <summary>The client-connect handler's <c>status/code</c>: <c>applying</c>, <c>applied</c>, or empty when AWS gave none.</summary>
    public string ClientConnectStatus { get; init; } = "";

    /// <summary>Whether the endpoint writes a connection log (<c>connectionLogOptions/Enabled</c>).</summary>
    public bool ConnectionLogEnabled { get; init; }

    /// <summary>The CloudWatch Logs log group of the connection log (<c>CloudwatchLogGroup</c>), empty when logging is off.</summary>
    public string ConnectionLogGroup { get; init; } = "";

    /// <summary>The log stream of the connection log in its group (<c>CloudwatchLogStream</c>), empty when AWS gave none.</summary>
    public string ConnectionLogStream { get; init; } = "";
}
