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
}
