using System.Globalization;

namespace ClientVpnSimulator.Fleet;

/// <summary>Draws the people who use an endpoint, named the way its authentication type names them.</summary>
internal static class UserPoolFactory
{
    private static readonly string[] FirstNames =
    [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy",
        "kim", "leo", "mallory", "nina", "oscar", "peggy", "quinn", "rupert", "sybil", "trent",
        "uma", "victor", "wendy", "xavier", "yara", "zoe", "amir", "bea", "chen", "dana",
        "emeka", "farah", "goran", "hana", "ines", "jonas", "keiko", "lars", "maya", "nils",
    ];

    private static readonly string[] LastNames =
    [
        "smith", "jones", "garcia", "muller", "rossi", "tanaka", "kowalski", "nguyen", "silva", "dubois",
        "okafor", "ivanova", "larsen", "kim", "patel", "cohen", "fischer", "moreau", "santos", "berg",
        "novak", "haddad", "costa", "weber", "ali", "meyer", "lopez", "sato", "horvat", "brown",
    ];

    /// <summary>Half as many users as connections (at least one), so users hold one or several connections each.</summary>
    public static int PoolSize(int connectionsPerEndpoint) => Math.Max(1, connectionsPerEndpoint / 2);

    /// <summary>Creates the user pool of an endpoint.</summary>
    public static SimulatedUser[] Create(AuthenticationKind authentication, int connectionsPerEndpoint, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var users = new SimulatedUser[PoolSize(connectionsPerEndpoint)];
        var taken = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < users.Length; i++)
        {
            var handle = $"{FirstNames[random.NextInt(FirstNames.Length)]}.{LastNames[random.NextInt(LastNames.Length)]}";
            var unique = handle;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = handle + n.ToString(CultureInfo.InvariantCulture);
            }

            users[i] = authentication switch
            {
                AuthenticationKind.Certificate => new SimulatedUser(string.Empty, unique + ".vpn.example.com"),
                AuthenticationKind.ActiveDirectory => new SimulatedUser(unique, unique),
                _ => new SimulatedUser(unique + "@example.com", unique + "@example.com"),
            };
        }

        return users;
    }
}
