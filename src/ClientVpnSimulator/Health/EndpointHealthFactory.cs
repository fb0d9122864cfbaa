using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Health;

/// <summary>
/// Draws the health of the n-th endpoint of an account at its creation: realistic values, mixed by the ordinal
/// (as <see cref="EndpointProfileFactory"/> mixes the configuration) so that a small fleet shows every case, and one
/// endpoint, the second, whose imported server certificate expires in a few days.
/// </summary>
/// <remarks>
/// The draws come from a generator seeded by the endpoint's id (itself drawn from the seed), so they never shift
/// what the endpoints' own generators draw: a fleet's connections are what they were before health existed.
/// </remarks>
internal static class EndpointHealthFactory
{
    /// <summary>The ordinal of the endpoint whose server certificate is about to expire.</summary>
    public const int ExpiringOrdinal = 1;

    /// <summary>How long before the clock's start that certificate expires.</summary>
    public static readonly long ExpiringInMs = (4 * SimulatedTime.Day) + (6 * SimulatedTime.Hour);

    private static readonly int[] SubnetCounts = [2, 1, 3, 5, 4];
    private static readonly string[] Groups = ["engineering", "finance", "support", "operations"];

    /// <summary>The CIDR of an endpoint's VPC, apart from every client CIDR the fleet uses.</summary>
    public static string VpcCidr(EndpointProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return string.Create(CultureInfo.InvariantCulture, $"172.{16 + (profile.Ordinal % 16)}.0.0/16");
    }

    /// <summary>The ARN of the endpoint, as ACM's <c>InUseBy</c> names it.</summary>
    public static string EndpointArn(EndpointProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return $"arn:aws:ec2:us-east-1:{profile.AccountId}:client-vpn-endpoint/{profile.Id}";
    }

    /// <summary>Draws the health of <paramref name="profile"/>'s endpoint, created at <paramref name="nowMs"/>.</summary>
    public static EndpointHealth Create(EndpointProfile profile, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var random = new SeededRandom(BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("health/" + profile.Id))));
        var n = profile.Ordinal;
        var domain = $"{profile.Name}.vpn.example.com";
        var health = new EndpointHealth(random)
        {
            ServerCertificate = ServerCertificate(profile, domain, random, nowMs),
            ClientRootCertificate = profile.ClientRootCertificateChainArn is { } rootArn ? ClientRoot(profile, rootArn, random, nowMs) : null,
            SamlProvider = profile.SamlProviderArn is { } idp ? Saml(idp, profile, random, nowMs) : null,
            SelfServiceSamlProvider = profile.SelfServiceSamlProviderArn is { } portal ? Saml(portal, profile, random, nowMs) : null,
        };

        var vpcCidr = VpcCidr(profile);
        for (var i = 0; i < SubnetCounts[n % SubnetCounts.Length]; i++)
        {
            health.Associate(vpcCidr);
        }

        health.AuthorizationRules = Rules(profile, vpcCidr, health);
        var firstSubnet = health.Associations[0].SubnetId;
        var routes = health.Routes.ToList();
        if (!profile.SplitTunnel)
        {
            routes.Add(new ClientVpnRoute(health.NextSequence(), "0.0.0.0/0", firstSubnet, "add-route", "Internet through the VPC", "active", null));
        }

        for (var i = 0; i < 1 + (n % 3); i++)
        {
            routes.Add(new ClientVpnRoute(health.NextSequence(), string.Create(CultureInfo.InvariantCulture, $"192.168.{10 + i}.0/24"), firstSubnet, "add-route", "On-premises network", "active", null));
        }

        health.Routes = routes;

        // Certificate endpoints import a CRL, every other one of them: the rest show how an endpoint without one looks.
        if (profile.Authentication == AuthenticationKind.Certificate && n % 6 == 0)
        {
            var thisUpdate = SimulatedTime.FloorToSecond(nowMs - random.NextLong(1 * SimulatedTime.Day, 5 * SimulatedTime.Day));
            var revoked = new List<RevokedCertificate>();
            for (var i = 0; i < 2 + random.NextInt(14); i++)
            {
                // A positive DER INTEGER in its shortest form: the first digit 1 to 7.
                revoked.Add(new RevokedCertificate((char)('1' + random.NextInt(7)) + random.NextHex(15), SimulatedTime.FloorToSecond(thisUpdate - random.NextLong(0, 300 * SimulatedTime.Day))));
            }

            health.Import(new RevocationList(0, thisUpdate, thisUpdate + (30 * SimulatedTime.Day), revoked, "active"));
        }

        return health;
    }

    private static AcmCertificate ServerCertificate(EndpointProfile profile, string domain, SeededRandom random, long nowMs)
    {
        var expiring = profile.Ordinal == ExpiringOrdinal;
        var amazonIssued = !expiring && profile.Ordinal % 2 == 0;
        var notAfter = SimulatedTime.FloorToSecond(expiring ? nowMs + ExpiringInMs : nowMs + random.NextLong(90 * SimulatedTime.Day, 395 * SimulatedTime.Day));
        var notBefore = notAfter - ((amazonIssued ? 395 : 365) * SimulatedTime.Day);
        return new AcmCertificate
        {
            Arn = profile.ServerCertificateArn,
            DomainName = domain,
            Subject = "CN=" + domain,
            Issuer = amazonIssued ? "Amazon RSA 2048 M02" : "Example Corp Issuing CA",
            Serial = Serial(random),
            CreatedAtMs = Math.Min(notBefore, profile.CreationTimeMs),
            NotBeforeMs = notBefore,
            NotAfterMs = notAfter,
            Status = "ISSUED",
            Type = amazonIssued ? "AMAZON_ISSUED" : "IMPORTED",
            RenewalEligibility = amazonIssued ? "ELIGIBLE" : "INELIGIBLE",
            InUseBy = [EndpointArn(profile)],
        };
    }

    private static AcmCertificate ClientRoot(EndpointProfile profile, string arn, SeededRandom random, long nowMs)
    {
        var name = RevocationListSigner.CaName(profile);
        var notAfter = SimulatedTime.FloorToSecond(nowMs + random.NextLong(2 * 365 * SimulatedTime.Day, 8 * 365 * SimulatedTime.Day));
        var notBefore = SimulatedTime.FloorToSecond(Math.Min(profile.CreationTimeMs, nowMs) - random.NextLong(30 * SimulatedTime.Day, 2 * 365 * SimulatedTime.Day));
        return new AcmCertificate
        {
            Arn = arn,
            DomainName = name,
            Subject = "CN=" + name,
            Issuer = "CN=" + name,
            Serial = Serial(random),
            CreatedAtMs = notBefore,
            NotBeforeMs = notBefore,
            NotAfterMs = notAfter,
            Status = "ISSUED",
            Type = "IMPORTED",
            RenewalEligibility = "INELIGIBLE",
            InUseBy = [EndpointArn(profile)],
        };
    }

    private static SamlProvider Saml(string arn, EndpointProfile profile, SeededRandom random, long nowMs) => new()
    {
        Arn = arn,
        CreateDateMs = SimulatedTime.FloorToSecond(profile.CreationTimeMs - SimulatedTime.Day),
        ValidUntilMs = SimulatedTime.FloorToSecond(nowMs + random.NextLong(120 * SimulatedTime.Day, 700 * SimulatedTime.Day)),
        MetadataDocument = $"<?xml version=\"1.0\"?><md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"https://idp.example.com/{profile.Name}\"/>",
    };

    private static List<AuthorizationRule> Rules(EndpointProfile profile, string vpcCidr, EndpointHealth health)
    {
        // Certificate endpoints authorize everyone; directory and SAML endpoints authorize groups, one rule per group and network.
        var rules = new List<AuthorizationRule> { new(health.NextSequence(), vpcCidr, null, "Everyone: the VPC", "active", null) };
        if (profile.Authentication == AuthenticationKind.Certificate)
        {
            rules.Add(new AuthorizationRule(health.NextSequence(), "192.168.10.0/24", null, "Everyone: on-premises services", "active", null));
            return rules;
        }

        var groups = 1 + (profile.Ordinal % Groups.Length);
        for (var g = 0; g < groups; g++)
        {
            var group = profile.Authentication == AuthenticationKind.ActiveDirectory
                ? string.Create(CultureInfo.InvariantCulture, $"S-1-5-21-1004336348-1177238915-682003330-{1100 + g}")
                : Groups[g];
            rules.Add(new AuthorizationRule(health.NextSequence(), string.Create(CultureInfo.InvariantCulture, $"192.168.{10 + g}.0/24"), group, $"{Groups[g]}: on-premises network", "active", null));
            rules.Add(new AuthorizationRule(health.NextSequence(), "0.0.0.0/0", group, $"{Groups[g]}: internet", "active", null));
        }

        return rules;
    }

    private static string Serial(SeededRandom random)
    {
        var hex = random.NextHex(32);
        return string.Join(':', Enumerable.Range(0, 16).Select(i => hex.Substring(i * 2, 2)));
    }
}
