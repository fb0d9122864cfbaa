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
}
