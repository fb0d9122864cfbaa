using System.Globalization;
using ClientVpnSimulator.Clock;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// Draws the configuration of the n-th endpoint. The mix cycles with the ordinal so that any three
/// consecutive endpoints cover every authentication type and environment, whatever the seed.
/// </summary>
internal static class EndpointProfileFactory
{
    private const string Region = "us-east-1";
    private static readonly string[] Environments = ["prod", "staging", "dev"];
    private static readonly int[] SessionTimeouts = [24, 8, 12, 10];

    /// <summary>Creates the profile of the endpoint with the given ordinal.</summary>
    /// <param name="ordinal">Zero-based creation order within the account.</param>
    /// <param name="id">The endpoint id.</param>
    /// <param name="account">The account that owns it, which its ARNs name.</param>
    /// <param name="random">The endpoint's own generator.</param>
    /// <param name="nowMs">The simulated now, before which the endpoint was created.</param>
    /// <param name="connectionsPerEndpoint">The steady population, which sizes the client CIDR block.</param>
    public static EndpointProfile Create(int ordinal, string id, string account, SeededRandom random, long nowMs, int connectionsPerEndpoint)
    {
        ArgumentNullException.ThrowIfNull(random);
        var environment = Environments[ordinal % 3];
        var authentication = (AuthenticationKind)(ordinal % 3);
        var name = string.Create(CultureInfo.InvariantCulture, $"{environment}-vpn-{ordinal + 1}");
        var handler = ordinal % 3 != 1;

        // Client VPN accepts /12 to /22; a /16 holds four times the default population with room to spare.
        var prefix = connectionsPerEndpoint <= 16_000 ? 16 : 12;
        var cidrBase = prefix == 16
            ? (10u << 24) | ((uint)(100 + (ordinal % 150)) << 16)
            : (100u << 24) | ((uint)(64 + (16 * (ordinal % 4))) << 16);

        return new EndpointProfile
        {
            Id = id,
            AccountId = account,
            Ordinal = ordinal,
            Description = string.Create(CultureInfo.InvariantCulture, $"Simulated {environment} remote access VPN {ordinal + 1}"),
            Name = name,
            Environment = environment,
            CreationTimeMs = SimulatedTime.FloorToSecond(nowMs - random.NextLong(30 * SimulatedTime.Day, 400 * SimulatedTime.Day)),
            DnsName = $"*.{id}.prod.clientvpn.{Region}.amazonaws.com",
            ClientCidrBlock = string.Create(CultureInfo.InvariantCulture, $"{cidrBase >> 24}.{(cidrBase >> 16) & 0xFF}.0.0/{prefix}"),
            ClientCidrBase = cidrBase,
            ClientCidrSize = 1u << (32 - prefix),
            SplitTunnel = ordinal % 2 == 0,
            TransportProtocol = ordinal % 2 == 0 ? "udp" : "tcp",
            VpnPort = (ordinal / 2) % 2 == 0 ? 443 : 1194,
            VpcId = ResourceIds.Next("vpc-", random),
            SecurityGroupIds = [ResourceIds.Next("sg-", random)],
            ServerCertificateArn = $"arn:aws:acm:{Region}:{account}:certificate/{ResourceIds.NextUuid(random)}",
            Authentication = authentication,
            ClientRootCertificateChainArn = authentication == AuthenticationKind.Certificate
                ? $"arn:aws:acm:{Region}:{account}:certificate/{ResourceIds.NextUuid(random)}"
                : null,
            DirectoryId = authentication == AuthenticationKind.ActiveDirectory ? "d-" + random.NextHex(10) : null,
            SamlProviderArn = authentication == AuthenticationKind.Federated ? $"arn:aws:iam::{account}:saml-provider/{name}-idp" : null,
            SelfServiceSamlProviderArn = authentication == AuthenticationKind.Federated ? $"arn:aws:iam::{account}:saml-provider/{name}-portal" : null,
            // One endpoint in four logs nothing (the second of the default three among them).
            ConnectionLogEnabled = ordinal % 4 != 1,
            ConnectionLogGroup = $"/aws/clientvpn/{id}",
            ConnectionLogStream = "connections",
            ClientConnectHandlerEnabled = handler,
            ClientConnectLambdaArn = handler ? $"arn:aws:lambda:{Region}:{account}:function:AWSClientVPN-{name}-posture" : null,
            SessionTimeoutHours = SessionTimeouts[ordinal % SessionTimeouts.Length],
            DualStack = ordinal % 3 == 2,
        };
    }
}
