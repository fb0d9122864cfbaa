namespace ClientVpnExporter.Health;

/// <summary>
/// One endpoint's health as the health loop last read it (<c>ClientVpn:HealthInterval</c>): its certificates, client
/// certificate revocation list, SAML providers, subnet associations, authorization rules and routes, and how each of
/// those reads is going (<see cref="Reads"/>). A read that fails keeps the part it last read, so what is known keeps
/// being served while <see cref="ResourceRead.LastSuccess"/> goes stale; a read that is not permitted leaves its part
/// out (empty or null) until it succeeds. Immutable: the health loop makes a new one each cycle.
/// </summary>
internal sealed record HealthReading
{
    /// <summary>The server certificate and, for mutual authentication, the client root certificate chain, as last read.</summary>
    public IReadOnlyList<CertificateReading> Certificates { get; init; } = [];

    /// <summary>The client certificate revocation list; null when the endpoint has none, or it was never read.</summary>
    public CrlReading? Crl { get; init; }

    /// <summary>The SAML providers of a federated endpoint, as last read; empty for other endpoints.</summary>
    public IReadOnlyList<SamlProviderReading> SamlProviders { get; init; } = [];

    /// <summary>Every subnet association (all pages); null until read.</summary>
    public IReadOnlyList<TargetNetworkReading>? TargetNetworks { get; init; }

    /// <summary>Authorization rules by status, every status of <see cref="HealthStatuses.AuthorizationRule"/>; null until read.</summary>
    public IReadOnlyList<StatusCount>? AuthorizationRules { get; init; }

    /// <summary>Routes by status, every status of <see cref="HealthStatuses.Route"/>; null until read.</summary>
    public IReadOnlyList<StatusCount>? Routes { get; init; }

    /// <summary>
    /// The endpoint's concurrent-connection quota: the configured override, else what its associated subnets give
    /// (<see cref="ConnectionQuota"/>); null while neither is known.
    /// </summary>
    public long? ConnectionQuota { get; init; }

    /// <summary>How each resource's read is going, one entry per resource that applies to the endpoint.</summary>
    public IReadOnlyList<ResourceRead> Reads { get; init; } = [];
}
