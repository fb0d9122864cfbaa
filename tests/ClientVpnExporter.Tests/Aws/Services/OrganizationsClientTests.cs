using System.Text.Json;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Aws.Services;

public sealed class OrganizationsClientTests
{
    [Fact]
    public async Task ListAccountsAsync_TwoPages_FollowsNextTokenAndCountsEachPage()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(
            Answer.Json(200, """
                {"Accounts":[{"Id":"111122223333","Arn":"arn:aws:organizations::999999999999:account/o-abc/111122223333","Name":"prod","Email":"prod@example.com","Status":"ACTIVE","JoinedMethod":"CREATED","JoinedTimestamp":1700000000.25}],
                 "NextToken":"page-2"}
                """),
            Answer.Json(200, """{"Accounts":[{"Id":"444455556666","Name":"dev","Status":"SUSPENDED","JoinedTimestamp":1710000000}]}"""));

        var accounts = await harness.Target.Services.Organizations.ListAccountsAsync(CancellationToken.None);

        Assert.Equal(
            [
                new OrganizationAccount("111122223333", "arn:aws:organizations::999999999999:account/o-abc/111122223333", "prod", "prod@example.com", "ACTIVE", DateTimeOffset.FromUnixTimeMilliseconds(1700000000250)),
                new OrganizationAccount("444455556666", null, "dev", null, "SUSPENDED", DateTimeOffset.FromUnixTimeSeconds(1710000000)),
            ],
            accounts);
        var requests = harness.Service.Requests.ToList();
        Assert.Equal(["{}", """{"NextToken":"page-2"}"""], requests.Select(r => r.Body));
        Assert.All(requests, r =>
        {
            Assert.Null(r.SignatureProblem);
            Assert.Equal("AWSOrganizationsV20161128.ListAccounts", r.Headers["x-amz-target"]);
            Assert.Equal("20261201/us-east-1/organizations/aws4_request", r.Scope);
        });
        Assert.Equal([(ServiceOperations.ListAccounts, ApiOutcome.Success, 2L)], harness.CountedCalls());
    }

    [Fact]
    public async Task ListChildrenParentsAndTags_Answers_SendTheirParametersAndReadTheirLists()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(
            Answer.Json(200, """{"Children":[{"Id":"ou-abcd-11111111","Type":"ORGANIZATIONAL_UNIT"}]}"""),
            Answer.Json(200, """{"Parents":[{"Id":"r-abcd","Type":"ROOT"}]}"""),
            Answer.Json(200, """{"Tags":[{"Key":"team","Value":"network"},{"Key":"env","Value":""}]}"""));
        var organizations = harness.Target.Services.Organizations;

        var children = await organizations.ListChildrenAsync("r-abcd", "ORGANIZATIONAL_UNIT", CancellationToken.None);
        var parents = await organizations.ListParentsAsync("111122223333", CancellationToken.None);
        var tags = await organizations.ListTagsForResourceAsync("111122223333", CancellationToken.None);

        Assert.Equal([new OrganizationEntity("ou-abcd-11111111", "ORGANIZATIONAL_UNIT")], children);
        Assert.Equal([new OrganizationEntity("r-abcd", "ROOT")], parents);
        Assert.Equal([KeyValuePair.Create("team", "network"), KeyValuePair.Create("env", "")], tags);
        var requests = harness.Service.Requests.ToList();
        Assert.Equal(
            ["AWSOrganizationsV20161128.ListChildren", "AWSOrganizationsV20161128.ListParents", "AWSOrganizationsV20161128.ListTagsForResource"],
            requests.Select(r => r.Headers["x-amz-target"]));
        Assert.Equal(
            ["""{"ParentId":"r-abcd","ChildType":"ORGANIZATIONAL_UNIT"}""", """{"ChildId":"111122223333"}""", """{"ResourceId":"111122223333"}"""],
            requests.Select(r => r.Body));
    }

    [Fact]
    public async Task ListAccountsAsync_NextTokenRepeated_FailsRatherThanLoop()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(200, """{"Accounts":[],"NextToken":"same"}"""));

        var failure = await Assert.ThrowsAsync<Amazon.Runtime.AmazonClientException>(() => harness.Target.Services.Organizations.ListAccountsAsync(CancellationToken.None));

        Assert.Contains("did not end", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Service.Requests.Count);
    }

    [Fact]
    public async Task ListAccountsAsync_NotInUse_ThrowsTheOrganizationsCode()
    {
        await using var harness = await ServiceClientsHarness.StartAsync();
        harness.Service.Script(Answer.Json(400, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["__type"] = "AWSOrganizationsNotInUseException",
            ["Message"] = "Your account is not a member of an organization.",
        })));

        var failure = await Assert.ThrowsAsync<AwsServiceException>(() => harness.RunAsync(harness.Target.Services.Organizations.ListAccountsAsync(CancellationToken.None)));

        Assert.Equal("AWSOrganizationsNotInUseException", failure.ErrorCode);
        Assert.Single(harness.Service.Requests);
    }
}
