using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Health;

/// <summary>
/// What decides whether clients can connect to an endpoint: its subnet associations, authorization rules, routes,
/// revocation list, client-connect handler state, certificates and SAML providers. Not thread-safe: the
/// <see cref="FleetSimulation"/> serialises access; lists are replaced, never changed in place, so copies stay valid unlocked.
/// </summary>
internal sealed class EndpointHealth
{
    /// <summary>The Availability Zones of the simulated region; one association per zone.</summary>
    public static readonly IReadOnlyList<string> AvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

    private readonly SeededRandom random;
    private long nextSequence;

    /// <summary>Creates the health of an endpoint; <paramref name="random"/> draws the ids of what is added later.</summary>
    public EndpointHealth(SeededRandom random)
    {
        this.random = random;
    }

    /// <summary>The ACM server certificate.</summary>
    public required AcmCertificate ServerCertificate { get; init; }

    /// <summary>The ACM client root certificate chain (certificate authentication); null otherwise.</summary>
    public AcmCertificate? ClientRootCertificate { get; init; }

    /// <summary>The IAM SAML provider (federated authentication); null otherwise.</summary>
    public SamlProvider? SamlProvider { get; init; }

    /// <summary>The IAM SAML provider of the self-service portal (federated authentication); null otherwise.</summary>
    public SamlProvider? SelfServiceSamlProvider { get; init; }

    /// <summary>The subnet associations, in the order they were made.</summary>
    public IReadOnlyList<TargetNetworkAssociation> Associations { get; private set; } = [];

    /// <summary>The authorization rules, in listing order.</summary>
    public IReadOnlyList<AuthorizationRule> AuthorizationRules { get; set; } = [];

    /// <summary>The route table, in listing order.</summary>
    public IReadOnlyList<ClientVpnRoute> Routes { get; set; } = [];

    /// <summary>The client certificate revocation list imported; null when none is.</summary>
    public RevocationList? RevocationList { get; private set; }

    /// <summary>How many associations are <c>associated</c>, which sets the concurrent-connection quota.</summary>
    public int AssociatedSubnets => this.Associations.Count(a => a.Status == "associated");

    /// <summary>The concurrent-connection quota AWS documents for <paramref name="associatedSubnets"/> associated subnets (5 and more: 126,000).</summary>
    public static int ConnectionQuota(int associatedSubnets) => associatedSubnets switch
    {
        <= 0 => 0,
        1 => 7_000,
        2 => 36_500,
        3 => 66_500,
        4 => 96_500,
        _ => 126_000,
    };

    /// <summary>Associates one more subnet, in the next free zone, with its <c>associate</c> route to <paramref name="vpcCidr"/>; null when every zone has one.</summary>
    public TargetNetworkAssociation? Associate(string vpcCidr, string status = "associated")
    {
        var zone = AvailabilityZones.FirstOrDefault(z => !this.Associations.Any(a => a.AvailabilityZone == z));
        if (zone is null)
        {
            return null;
        }

        var association = new TargetNetworkAssociation(this.NextSequence(), ResourceIds.Next("cvpn-assoc-", this.random), ResourceIds.Next("subnet-", this.random), zone, status, null);
        this.Associations = [.. this.Associations, association];
        this.Routes = [.. this.Routes, new ClientVpnRoute(this.NextSequence(), vpcCidr, association.SubnetId, "associate", "Default Route", "active", null)];
        return association;
    }

    /// <summary>Sets an association's status; false when there is no such association.</summary>
    public bool SetAssociationStatus(string associationId, string status, string? message)
    {
        var index = this.Associations.ToList().FindIndex(a => a.AssociationId == associationId);
        if (index < 0)
        {
            return false;
        }

        var changed = this.Associations.ToList();
        changed[index] = changed[index] with { Status = status, Message = message };
        this.Associations = changed;
        return true;
    }

    /// <summary>Removes an association and the routes it added, as a finished disassociation does; false when there is no such association.</summary>
    public bool Disassociate(string associationId)
    {
        var association = this.Associations.FirstOrDefault(a => a.AssociationId == associationId);
        if (association is null)
        {
            return false;
        }

        this.Associations = [.. this.Associations.Where(a => a != association)];
        this.Routes = [.. this.Routes.Where(r => !(r.Origin == "associate" && r.TargetSubnet == association.SubnetId))];
        return true;
    }

    /// <summary>The listing position of the next rule, route or association added.</summary>
    public long NextSequence() => this.nextSequence++;

    /// <summary>Imports <paramref name="list"/> (its number set to follow the one in force), or removes the list when null.</summary>
    public void Import(RevocationList? list) =>
        this.RevocationList = list is null ? null : list with { Number = (this.RevocationList?.Number ?? 0) + 1 };
}
