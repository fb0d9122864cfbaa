namespace ClientVpnSimulator.Fleet;

/// <summary>The fixed configuration of a simulated Client VPN endpoint, as DescribeClientVpnEndpoints shows it.</summary>
internal sealed record EndpointProfile
{
    /// <summary>The endpoint id, <c>cvpn-endpoint-</c> and 17 hexadecimal digits.</summary>
    public required string Id { get; init; }

    /// <summary>The account that owns the endpoint.</summary>
    public required string AccountId { get; init; }

    /// <summary>The zero-based creation order within its account, which drives the configuration mix.</summary>
    public required int Ordinal { get; init; }

    /// <summary>The free-text description.</summary>
    public required string Description { get; init; }

    /// <summary>The <c>Name</c> tag.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>Environment</c> tag: prod, staging or dev.</summary>
    public required string Environment { get; init; }

    /// <summary>When the endpoint was created.</summary>
    public required long CreationTimeMs { get; init; }

    /// <summary>The endpoint's DNS name.</summary>
    public required string DnsName { get; init; }

    /// <summary>The client CIDR block in CIDR notation.</summary>
    public required string ClientCidrBlock { get; init; }

    /// <summary>The first address of the client CIDR block.</summary>
    public required uint ClientCidrBase { get; init; }

    /// <summary>How many addresses the client CIDR block holds.</summary>
    public required uint ClientCidrSize { get; init; }

    /// <summary>Whether split tunnel is on.</summary>
    public required bool SplitTunnel { get; init; }

    /// <summary><c>udp</c> or <c>tcp</c>.</summary>
    public required string TransportProtocol { get; init; }

    /// <summary>443 or 1194.</summary>
    public required int VpnPort { get; init; }

    /// <summary>The VPC id.</summary>
    public required string VpcId { get; init; }

    /// <summary>The security groups applied to the target network associations.</summary>
    public required IReadOnlyList<string> SecurityGroupIds { get; init; }

    /// <summary>The ACM certificate of the server.</summary>
    public required string ServerCertificateArn { get; init; }

    /// <summary>How clients authenticate.</summary>
    public required AuthenticationKind Authentication { get; init; }

    /// <summary>The client root certificate chain (certificate authentication).</summary>
    public string? ClientRootCertificateChainArn { get; init; }

    /// <summary>The directory id (Active Directory authentication).</summary>
    public string? DirectoryId { get; init; }

    /// <summary>The IAM SAML provider (federated authentication).</summary>
    public string? SamlProviderArn { get; init; }

    /// <summary>The IAM SAML provider of the self-service portal (federated authentication).</summary>
    public string? SelfServiceSamlProviderArn { get; init; }

    /// <summary>Whether connection logging is on: the endpoint then writes every attempt to its log group.</summary>
    public bool ConnectionLogEnabled { get; init; } = true;

    /// <summary>The CloudWatch Logs group of the connection log.</summary>
    public required string ConnectionLogGroup { get; init; }

    /// <summary>The CloudWatch Logs stream of the connection log.</summary>
    public required string ConnectionLogStream { get; init; }

    /// <summary>Whether a client-connect handler runs, which is what produces posture statuses.</summary>
    public required bool ClientConnectHandlerEnabled { get; init; }

    /// <summary>The handler's Lambda function, when enabled.</summary>
    public string? ClientConnectLambdaArn { get; init; }

    /// <summary>The maximum session duration: 8, 10, 12 or 24.</summary>
    public required int SessionTimeoutHours { get; init; }

    /// <summary>Whether clients also get an IPv6 address.</summary>
    public required bool DualStack { get; init; }

    /// <summary>The <c>Status.Code</c> of the endpoint, one of <see cref="EndpointStatusCodes.All"/>.</summary>
    public string StatusCode { get; init; } = EndpointStatusCodes.Available;

    /// <summary>The client-connect handler's <c>status/code</c>: <c>applied</c>, or <c>applying</c> while a change rolls out.</summary>
    public string ClientConnectStatus { get; init; } = "applied";

    /// <summary>The tags, in the order the API lists them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Tags =>
        [new("Name", this.Name), new("Environment", this.Environment)];
}
