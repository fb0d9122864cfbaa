using System.Net;
using System.Text.Json;
using Amazon.SecurityToken.Model;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

/// <summary>AWS Organizations as botocore's real client reads it: every page, the tree, the tags, and AWS's errors.</summary>
public sealed class OrganizationsTests
{
    private const string Management = "100000000000";
    private const string Member = "100000000005";

    private static SimulatorOptions Organization(int accounts = 45) => SimulatorHarness.Options(o =>
    {
        o.AccountCount = accounts;
        o.AccountsWithEndpoints = 2;
        o.Endpoints = 1;
        o.ConnectionsPerEndpoint = 2;
    });

    [BotocoreFact]
    public async Task ListAccounts_PagedByBotocore_ListsEveryMemberOnceAsTheTruthHasIt()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());
        var truth = await sim.OrganizationAsync();

        var results = await Botocore.RunAsync(
            sim.Server.BaseAddress,
            new BotocoreCall("organizations", "ListAccounts", PageSize: 7),
            new BotocoreCall("organizations", "ListAccounts"));
        var pages = results[0].Pages;
        var accounts = pages.SelectMany(p => p.GetProperty("Accounts").EnumerateArray()).ToList();

        Assert.Null(results[0].Error);
        Assert.Equal(7, pages.Count);
        Assert.All(pages.SkipLast(1), p => Assert.Equal(7, p.GetProperty("Accounts").GetArrayLength()));
        Assert.Equal(truth.Members.Select(m => m.AccountId), accounts.Select(a => a.GetProperty("Id").GetString()));
        Assert.Equal(45, accounts.Count);
        Assert.Equal(Management, truth.ManagementAccountId);
        foreach (var account in accounts)
        {
            var id = account.GetProperty("Id").GetString()!;
            var expected = truth.Account(id);
            Assert.Equal($"arn:aws:organizations::{Management}:account/{truth.OrganizationId}/{id}", account.GetProperty("Arn").GetString());
            Assert.Equal($"aws+{id}@example.com", account.GetProperty("Email").GetString());
            Assert.Equal(expected.Name, account.GetProperty("Name").GetString());
            Assert.Equal("ACTIVE", account.GetProperty("Status").GetString());
            Assert.Equal("CREATED", account.GetProperty("JoinedMethod").GetString());
            Assert.True(DateTimeOffset.Parse(account.GetProperty("JoinedTimestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < SimulatorHarness.DefaultStart);
        }

        // Without MaxResults AWS pages at 20, and so does the simulator.
        Assert.Equal(20, results[1].Pages[0].GetProperty("Accounts").GetArrayLength());
        Assert.True(results[1].Pages[0].TryGetProperty("NextToken", out _));
    }

    [Fact]
    public async Task ListAccounts_WritesStateBesideStatus_AndRefusesMaxResultsAbove20()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization(3));

        var (status, page) = await sim.PostTargetAsync("AWSOrganizationsV20161128.ListAccounts", "{\"MaxResults\":20}");
        var (tooManyStatus, tooMany) = await sim.PostTargetAsync("AWSOrganizationsV20161128.ListAccounts", "{\"MaxResults\":21}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.All(page.GetProperty("Accounts").EnumerateArray(), a =>
        {
            Assert.Equal("ACTIVE", a.GetProperty("State").GetString());
            Assert.Equal(JsonValueKind.Number, a.GetProperty("JoinedTimestamp").ValueKind);
        });
        Assert.False(page.TryGetProperty("NextToken", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooManyStatus);
        Assert.Equal("InvalidInputException", tooMany.GetProperty("__type").GetString());
        Assert.Contains("MaxResults", tooMany.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [BotocoreFact]
    public async Task TheTree_ReadByBotocore_IsTheRootTheOusAndTheAccountsTheTruthPlacesInThem()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization());
        var truth = await sim.OrganizationAsync();
        var parents = new[] { truth.RootId }.Concat(truth.OrganizationalUnits.Select(u => u.Id)).ToList();
        var workloads = truth.Unit("Workloads");
        var production = truth.Unit("Production");
        var tagged = truth.Members.First(m => m.Tags.Count == 2);

        var results = await Botocore.RunAsync(
            sim.Server.BaseAddress,
            [
                new BotocoreCall("organizations", "ListRoots"),
                .. parents.Select(p => new BotocoreCall("organizations", "ListChildren", new() { ["ParentId"] = p, ["ChildType"] = "ACCOUNT" }, PageSize: 3)),
                .. parents.Select(p => new BotocoreCall("organizations", "ListChildren", new() { ["ParentId"] = p, ["ChildType"] = "ORGANIZATIONAL_UNIT" })),
                new BotocoreCall("organizations", "ListParents", new() { ["ChildId"] = tagged.AccountId }),
                new BotocoreCall("organizations", "ListParents", new() { ["ChildId"] = production.Id }),
                new BotocoreCall("organizations", "ListParents", new() { ["ChildId"] = workloads.Id }),
                new BotocoreCall("organizations", "ListTagsForResource", new() { ["ResourceId"] = tagged.AccountId }),
                new BotocoreCall("organizations", "ListTagsForResource", new() { ["ResourceId"] = truth.RootId }),
            ]);
        Assert.All(results, r => Assert.Null(r.Error));
        var root = results[0].Pages[0].GetProperty("Roots").EnumerateArray().Single();
        var accountChildren = results.Skip(1).Take(parents.Count).ToList();
        var unitChildren = results.Skip(1 + parents.Count).Take(parents.Count).ToList();
        var rest = results.Skip(1 + (2 * parents.Count)).ToList();

        Assert.Equal(truth.RootId, root.GetProperty("Id").GetString());
        Assert.Equal($"arn:aws:organizations::{Management}:root/{truth.OrganizationId}/{truth.RootId}", root.GetProperty("Arn").GetString());
        Assert.Equal(["Workloads", "Production", "Sandbox"], truth.OrganizationalUnits.Select(u => u.Name));
        Assert.Equal(workloads.Id, production.ParentId);
        for (var i = 0; i < parents.Count; i++)
        {
            var listed = accountChildren[i].Pages.SelectMany(p => p.GetProperty("Children").EnumerateArray()).ToList();
            Assert.Equal(truth.Members.Where(m => m.ParentId == parents[i]).Select(m => m.AccountId), listed.Select(c => c.GetProperty("Id").GetString()));
            Assert.All(listed, c => Assert.Equal("ACCOUNT", c.GetProperty("Type").GetString()));
            Assert.True(accountChildren[i].Pages.Count > 1, $"{parents[i]}: the accounts must come in more than one page");
            Assert.Equal(
                truth.OrganizationalUnits.Where(u => u.ParentId == parents[i]).Select(u => u.Id),
                unitChildren[i].Pages[0].GetProperty("Children").EnumerateArray().Select(c => c.GetProperty("Id").GetString()));
        }

        Assert.Equal((tagged.ParentId, "ORGANIZATIONAL_UNIT"), Parent(rest[0]));
        Assert.Equal((workloads.Id, "ORGANIZATIONAL_UNIT"), Parent(rest[1]));
        Assert.Equal((truth.RootId, "ROOT"), Parent(rest[2]));
        Assert.Equal(
            tagged.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => (t.Key, t.Value)),
            rest[3].Pages[0].GetProperty("Tags").EnumerateArray().Select(t => (t.GetProperty("Key").GetString()!, t.GetProperty("Value").GetString()!)));
        Assert.Empty(rest[4].Pages[0].GetProperty("Tags").EnumerateArray());
        Assert.Equal(["env", "team"], tagged.Tags.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(truth.Members, m => m.Tags.Count == 0);
    }

    [BotocoreFact]
    public async Task Errors_AsBotocoreReadsThem_AreAwsCodesAndMessages()
    {
        await using var sim = await SimulatorHarness.StartAsync(Organization(6));
        using var sts = sim.StsWith();
        var member = Keys((await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{Member}:role/OrganizationAccountAccessRole", RoleSessionName = "reader" })).Credentials);
        Assert.Equal(HttpStatusCode.NoContent, (await sim.Http.PostAsync($"sim/organization/accounts/{Member}/leave", null)).StatusCode);
        var other = Keys((await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::100000000004:role/any/path/Reader", RoleSessionName = "reader" })).Credentials);

        var results = await Botocore.RunAsync(
            sim.Server.BaseAddress,
            new BotocoreCall("organizations", "ListAccounts", Credentials: other),
            new BotocoreCall("organizations", "ListAccounts", Credentials: member),
            new BotocoreCall("organizations", "ListAccounts", new() { ["NextToken"] = "not-a-token" }),
            new BotocoreCall("organizations", "ListChildren", new() { ["ParentId"] = "ou-abcd-abcdefgh", ["ChildType"] = "ACCOUNT" }),
            new BotocoreCall("organizations", "ListParents", new() { ["ChildId"] = Member }),
            new BotocoreCall("organizations", "ListTagsForResource", new() { ["ResourceId"] = "999999999999" }),
            new BotocoreCall("organizations", "ListRoots", Credentials: other));
        await sim.PutAsync("sim/faults", "{\"rules\":[{\"action\":\"organizations:ListAccounts\",\"throttleRate\":1}]}");
        var throttled = (await Botocore.RunAsync(sim.Server.BaseAddress, new BotocoreCall("organizations", "ListAccounts")))[0];

        Assert.Equal(new BotocoreError("AccessDeniedException", "You don't have permissions to access this resource.", 400), results[0].Error);
        Assert.Equal(new BotocoreError("AWSOrganizationsNotInUseException", "Your account is not a member of an organization.", 400), results[1].Error);
        Assert.Equal("InvalidInputException", results[2].Error?.Code);
        Assert.Equal("ParentNotFoundException", results[3].Error?.Code);
        Assert.Equal("ChildNotFoundException", results[4].Error?.Code);
        Assert.Equal("TargetNotFoundException", results[5].Error?.Code);
        Assert.Equal("AccessDeniedException", results[6].Error?.Code);
        Assert.Equal("TooManyRequestsException", throttled.Error?.Code);
        Assert.Equal(400, throttled.Error?.HttpStatusCode);
    }

    private static (string?, string?) Parent(BotocoreResult result)
    {
        var parent = result.Pages[0].GetProperty("Parents").EnumerateArray().Single();
        return (parent.GetProperty("Id").GetString(), parent.GetProperty("Type").GetString());
    }

    private static Dictionary<string, string> Keys(Credentials credentials) => new()
    {
        ["AccessKeyId"] = credentials.AccessKeyId,
        ["SecretAccessKey"] = credentials.SecretAccessKey,
        ["SessionToken"] = credentials.SessionToken,
    };
}
