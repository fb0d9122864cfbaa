using System.Globalization;
using ClientVpnExporter.Aws;
using CsCheck;

namespace ClientVpnExporter.Tests.Aws;

public class ShardAssignmentTests
{
    private static readonly string[] Regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];

    /// <summary>Organisations of 200 to 1000 targets: random 12-digit accounts, each in one to five regions.</summary>
    private static readonly Gen<(string Account, string Region)[]> Organisation =
        Gen.Select(Gen.Long[100000000000L, 999999999999L], Gen.Int[1, Regions.Length], (id, regions) => (id, regions))
            .Array[100, 300]
            .Select(accounts => accounts
                .SelectMany(a => Regions.Take(a.regions).Select(region => ($"arn:aws:iam::{a.id.ToString(CultureInfo.InvariantCulture)}:role/clientvpn-exporter", region)))
                .Distinct()
                .ToArray());

    [Fact]
    public void Owns_AnyOrganisationAndShardCount_EveryTargetHasExactlyOneOwner()
    {
        Gen.Select(Organisation, Gen.Int[1, 16]).Sample((targets, shards) =>
        {
            var assignments = Enumerable.Range(0, shards).Select(i => new ShardAssignment(shards, i)).ToList();
            return targets.All(t => assignments.Count(a => a.Owns(t.Account, t.Region)) == 1);
        }, iter: 50);
    }

    [Fact]
    public void OwnerOf_OneMoreShard_MovesAboutOneInNPlusOneTargetsAllToTheNewShard()
    {
        Gen.Select(Organisation, Gen.Int[1, 12]).Sample((targets, shards) =>
        {
            var moved = targets.Where(t => ShardAssignment.OwnerOf(t.Account, t.Region, shards) != ShardAssignment.OwnerOf(t.Account, t.Region, shards + 1)).ToList();
            var expected = (double)targets.Length / (shards + 1);

            // A target only ever moves to the new shard; how many do is binomial around 1/(N + 1), well inside five deviations.
            var deviation = Math.Sqrt(targets.Length * (1.0 / (shards + 1)) * (1 - (1.0 / (shards + 1))));
            return moved.All(t => ShardAssignment.OwnerOf(t.Account, t.Region, shards + 1) == shards)
                && Math.Abs(moved.Count - expected) <= 5 * deviation;
        }, iter: 50);
    }

    [Fact]
    public void OwnerOf_ManyTargets_SpreadsThemEvenly()
    {
        var targets = Enumerable.Range(0, 8000).Select(i => ($"arn:aws:iam::{100000000000L + i}:role/r", Regions[i % Regions.Length])).ToList();

        var perShard = targets.GroupBy(t => ShardAssignment.OwnerOf(t.Item1, t.Item2, 8)).Select(g => g.Count()).ToList();

        Assert.Equal(8, perShard.Count);
        Assert.All(perShard, count => Assert.InRange(count, 850, 1150));
    }

    [Fact]
    public void OwnerOf_TwoRoleNamesForOneAccount_SameOwner()
    {
        for (var shards = 2; shards < 20; shards++)
        {
            Assert.Equal(
                ShardAssignment.OwnerOf("arn:aws:iam::123456789012:role/one", "eu-west-1", shards),
                ShardAssignment.OwnerOf("arn:aws:iam::123456789012:role/other", "eu-west-1", shards));
        }
    }
}
