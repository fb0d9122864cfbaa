using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Control;

/// <summary>Computes an endpoint's <see cref="HealthTruth"/>; runs inside the fleet lock.</summary>
internal static class HealthTruthBuilder
{
    /// <summary>The health of <paramref name="endpoint"/> as the APIs report it at <paramref name="nowMs"/>.</summary>
    public static HealthTruth Build(long nowMs, SimulatedEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var health = endpoint.Health;
        var profile = endpoint.Profile;
        var crl = health.RevocationList;
        return new HealthTruth(
            Certificate(health.ServerCertificate, nowMs),
            health.ClientRootCertificate is { } root ? Certificate(root, nowMs) : null,
            Saml(health.SamlProvider),
            Saml(health.SelfServiceSamlProvider),
            crl is null
                ? null
                : new RevocationListTruth(
                    crl.Number,
                    SimulatedTime.ToUtcDateTime(crl.ThisUpdateMs),
                    SimulatedTime.ToUtcDateTime(crl.NextUpdateMs),
                    [.. crl.Revoked.Select(r => r.Serial)],
                    crl.Revoked.Count,
                    crl.Status),
            [.. health.Associations.Select(a => new TargetNetworkTruth(a.AssociationId, a.SubnetId, a.AvailabilityZone, a.Status))],
            ByStatus(health.Associations.Select(a => a.Status)),
            EndpointHealth.ConnectionQuota(health.AssociatedSubnets),
            profile.ClientCidrBlock,
            profile.ClientCidrSize,
            [.. health.AuthorizationRules.Select(r => new RouteOrRuleTruth(r.DestinationCidr, r.GroupId, r.Status))],
            ByStatus(health.AuthorizationRules.Select(r => r.Status)),
            [.. health.Routes.Select(r => new RouteOrRuleTruth(r.DestinationCidr, r.TargetSubnet, r.Status))],
            ByStatus(health.Routes.Select(r => r.Status)),
            new ClientConnectTruth(profile.ClientConnectHandlerEnabled, profile.ClientConnectLambdaArn, profile.ClientConnectStatus));
    }

    private static CertificateTruth Certificate(AcmCertificate certificate, long nowMs) => new(
        certificate.Arn, SimulatedTime.ToUtcDateTime(certificate.NotAfterMs), certificate.StatusAt(nowMs), certificate.Type, certificate.RenewalEligibility);

    private static SamlProviderTruth? Saml(SamlProvider? provider) =>
        provider is null ? null : new SamlProviderTruth(provider.Arn, SimulatedTime.ToUtcDateTime(provider.ValidUntilMs));

    private static SortedDictionary<string, int> ByStatus(IEnumerable<string> statuses) =>
        new(statuses.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
}
