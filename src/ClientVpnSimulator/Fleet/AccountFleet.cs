using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Fleet;

/// <summary>The endpoints of one account, drawn from the account's own generator so that accounts never perturb one another.</summary>
internal sealed class AccountFleet
{
    /// <summary>Creates an empty fleet for <paramref name="accountId"/>.</summary>
    public AccountFleet(string accountId, SeededRandom random)
    {
        this.AccountId = accountId;
        this.Random = random;
    }

    /// <summary>The account's id.</summary>
    public string AccountId { get; }

    /// <summary>Draws the ids and generators of the account's endpoints.</summary>
    public SeededRandom Random { get; }

    /// <summary>The account's endpoints, deleted ones included, in creation order.</summary>
    public List<SimulatedEndpoint> Endpoints { get; } = [];

    /// <summary>The account's ACM certificates by ARN: every endpoint's server certificate and client root chain, deleted endpoints' included.</summary>
    public Dictionary<string, AcmCertificate> Certificates { get; } = new(StringComparer.Ordinal);

    /// <summary>The account's IAM SAML providers by ARN.</summary>
    public Dictionary<string, SamlProvider> SamlProviders { get; } = new(StringComparer.Ordinal);
}
