using System.Globalization;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// The organisation every simulated account belongs to at start: a root, three OUs (one nested), the accounts spread
/// over them by position, and tags on some, so filters by OU and by tag have something to tell apart. Ids follow from
/// the seed.
/// </summary>
internal static class OrganizationLayout
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz0123456789";

    // OU name, index of its parent (-1: the root), and the env tag of the accounts in it.
    private static readonly (string Name, int Parent, string Env)[] Units =
    [
        ("Workloads", -1, "staging"),
        ("Production", 0, "prod"),
        ("Sandbox", -1, "dev"),
    ];

    /// <summary>The organisation of <paramref name="accounts"/>, the first being its management account.</summary>
    public static Organization Create(IReadOnlyList<string> accounts, int seed, long startMs)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        var random = new SeededRandom(unchecked((ulong)seed) ^ 0x4F52_4741_4E49_5A45UL);
        var management = accounts[0];
        var organizationId = "o-" + Next(random, 10);
        var rootSuffix = Next(random, 4);
        var rootId = "r-" + rootSuffix;
        var units = new List<OrganizationalUnit>();
        foreach (var (name, parent, _) in Units)
        {
            var id = $"ou-{rootSuffix}-{Next(random, 8)}";
            units.Add(new(id, units.Count, $"arn:aws:organizations::{management}:ou/{organizationId}/{id}", name, parent < 0 ? rootId : units[parent].Id));
        }

        var organization = new Organization(organizationId, management, rootId, units, accounts);
        for (var i = 0; i < accounts.Count; i++)
        {
            // The management account in the root, then root, Workloads, Production, Sandbox in turn.
            var slot = i == 0 ? -1 : (i % 4) - 1;
            var tags = new List<KeyValuePair<string, string>>();
            if (slot >= 0)
            {
                tags.Add(KeyValuePair.Create("env", Units[slot].Env));
            }

            if (i > 0 && i % 3 != 0)
            {
                tags.Add(KeyValuePair.Create("team", i % 3 == 1 ? "network" : "platform"));
            }

            // Joined on whole days before the start, the management account first.
            var joinedDaysAgo = i == 0 ? 1000 : 900 - (i % 800);
            organization.Add(
                accounts[i],
                i == 0 ? "management" : string.Create(CultureInfo.InvariantCulture, $"member-{i:D4}"),
                "CREATED",
                startMs - (startMs % 1000) - (joinedDaysAgo * 86_400_000L),
                slot < 0 ? rootId : units[slot].Id,
                tags);
        }

        return organization;
    }

    private static string Next(SeededRandom random, int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => Lower[random.NextInt(Lower.Length)]));
}
