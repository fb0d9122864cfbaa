using ClientVpnSimulator.Control;
using ClientVpnSimulator.Hosting;
using ClientVpnSimulator.Regions;

namespace ClientVpnSimulator.Organizations;

/// <summary>
/// The control routes of the organisation and of each account's regions: accounts leave, join and change state,
/// their tags are replaced, regions are enabled and disabled; <c>GET /sim/organization</c> is the organisation's truth.
/// </summary>
internal static class OrganizationControlApi
{
    /// <summary>Maps the routes.</summary>
    public static void MapOrganizationControl(this IEndpointRouteBuilder routes, SimulatorCore core)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(core);
        var (organization, regions, clock) = (core.Organization, core.Regions, core.Clock);
        var json = OrganizationJsonContext.Default;

        routes.MapGet("/sim/organization", context => ControlApi.WriteAsync(context, 200, Truth(organization, regions), json.OrganizationTruth));

        routes.MapPost("/sim/organization/accounts/{id}/leave", context => Change(context, id =>
            organization.Remove(id) ? null : (409, $"Account {id} is not a member, or is the management account, which cannot leave.")));

        routes.MapPost("/sim/organization/accounts/{id}/join", context => Change(context, id =>
        {
            var parentId = context.Request.Query["parentId"].ToString() is { Length: > 0 } given ? given : organization.RootId;
            return !organization.IsParent(parentId) ? (404, $"No root or OU '{parentId}'.")
                : organization.Join(id, parentId, clock.NowMs) ? null
                : (409, $"Account {id} is already a member.");
        }));

        routes.MapPost("/sim/organization/accounts/{id}/state", async context =>
        {
            var change = await ControlApi.ReadAsync(context, json.AccountStateChange);
            if (change is null)
            {
                return;
            }

            await Change(context, id =>
                !AccountState.All.Contains(change.State, StringComparer.Ordinal) ? (400, $"state must be one of {string.Join(", ", AccountState.All)} (got \"{change.State}\").")
                : organization.Change(id, m => m with { State = change.State }) ? null
                : (404, $"Account {id} is not a member."));
        });

        routes.MapPut("/sim/organization/accounts/{id}/tags", async context =>
        {
            var tags = await ControlApi.ReadAsync(context, json.DictionaryStringString);
            if (tags is null)
            {
                return;
            }

            IReadOnlyList<KeyValuePair<string, string>> ordered = [.. tags.OrderBy(t => t.Key, StringComparer.Ordinal)];
            await Change(context, id => organization.Change(id, m => m with { Tags = ordered }) ? null : (404, $"Account {id} is not a member."));
        });

        routes.MapPut("/sim/accounts/{id}/regions/{region}", context => SetRegion(context, enabled: true));
        routes.MapDelete("/sim/accounts/{id}/regions/{region}", context => SetRegion(context, enabled: false));

        Task SetRegion(HttpContext context, bool enabled)
        {
            var region = (string)context.Request.RouteValues["region"]!;
            return Change(context, id => RegionCatalog.IsRegionName(region)
                ? (regions.Set(id, region, enabled) ? null : (409, $"Region {region} is already {(enabled ? "enabled" : "not enabled")} in account {id}."))
                : (400, $"'{region}' is not a region name such as us-east-1."));
        }

        // Runs a change of the account the route names; it answers null when done (204), or the status and error to answer.
        Task Change(HttpContext context, Func<string, (int Status, string Error)?> change)
        {
            var id = (string)context.Request.RouteValues["id"]!;
            if (!core.Accounts.Contains(id))
            {
                return ControlApi.WriteAsync(
                    context, 404, new ControlError($"No account '{id}'; the simulator plays {core.Accounts.Accounts.Count} accounts."), SimulatorJsonContext.Default.ControlError);
            }

            if (change(id) is { } refused)
            {
                return ControlApi.WriteAsync(context, refused.Status, new ControlError(refused.Error), SimulatorJsonContext.Default.ControlError);
            }

            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        }
    }

    private static OrganizationTruth Truth(Organization organization, AccountRegions regions) => new(
        organization.Id,
        organization.ManagementAccountId,
        organization.RootId,
        [.. organization.Units.Select(u => new OrganizationalUnitTruth(u.Id, u.Name, u.ParentId))],
        [.. organization.Accounts.Select(id => organization.Member(id) is { } m
            ? new OrganizationAccountTruth(
                id, true, m.Name, m.State, m.Status, m.JoinedMethod, m.ParentId, organization.UnitPath(m.ParentId),
                m.Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal), regions.EnabledIn(id))
            : new OrganizationAccountTruth(id, false, null, null, null, null, null, [], new Dictionary<string, string>(), regions.EnabledIn(id)))]);
}
