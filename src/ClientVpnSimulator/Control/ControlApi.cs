using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Hosting;
using ClientVpnSimulator.Logs;
using ClientVpnSimulator.Permissions;

namespace ClientVpnSimulator.Control;

/// <summary>
/// The <c>/sim</c> HTTP API: drive the clock, add, delete and change endpoints, inject faults, deny actions,
/// and read ground truth. Every answer is JSON in camelCase.
/// </summary>
internal static class ControlApi
{
    /// <summary>Maps the control routes.</summary>
    public static void MapSimulatorControl(this IEndpointRouteBuilder routes, SimulatorCore core)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(core);
        var (clock, fleet, accounts, requests) = (core.Clock, core.Fleet, core.Accounts, core.Requests);
        var json = SimulatorJsonContext.Default;

        routes.MapGet("/sim/clock", context => WriteAsync(context, 200, StateOf(clock), json.ClockState));
        routes.MapPost("/sim/clock/pause", context =>
        {
            clock.Pause();
            return WriteAsync(context, 200, StateOf(clock), json.ClockState);
        });
        routes.MapPost("/sim/clock/resume", context =>
        {
            clock.Resume();
            return WriteAsync(context, 200, StateOf(clock), json.ClockState);
        });
        routes.MapPost("/sim/clock/advance", context =>
        {
            var text = context.Request.Query["seconds"].ToString();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || !double.IsFinite(seconds) || seconds < 0 || seconds > SimulationClock.MaxAdvanceSeconds)
            {
                return WriteAsync(
                    context,
                    400,
                    new ControlError($"Query parameter 'seconds' must be a number between 0 and {SimulationClock.MaxAdvanceSeconds.ToString(CultureInfo.InvariantCulture)} (got '{text}')."),
                    json.ControlError);
            }

            clock.Advance(seconds);
            return WriteAsync(context, 200, StateOf(clock), json.ClockState);
        });

        routes.MapPost("/sim/endpoints", context =>
        {
            var account = AccountOf(context) ?? accounts.OwnAccount;
            if (!accounts.Contains(account))
            {
                return UnknownAccountAsync(context, account);
            }

            var id = fleet.CreateEndpoint(account);
            return id is null
                ? WriteAsync(context, 409, new ControlError($"Account {account} already holds {FleetSimulation.MaxEndpoints} endpoints."), json.ControlError)
                : WriteAsync(context, 201, new EndpointCreated(id), json.EndpointCreated);
        });
        routes.MapDelete("/sim/endpoints/{id}", context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            if (!fleet.DeleteEndpoint(id))
            {
                return WriteAsync(context, 404, new ControlError($"No endpoint '{id}' exists."), json.ControlError);
            }

            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });

        routes.MapPost("/sim/endpoints/{id}/status", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var change = await ReadAsync(context, json.EndpointStatusChange);
            if (change is null)
            {
                return;
            }

            if (!EndpointStatusCodes.All.Contains(change.Code, StringComparer.Ordinal))
            {
                await WriteAsync(context, 400, new ControlError($"code must be one of {string.Join(", ", EndpointStatusCodes.All)} (got \"{change.Code}\")."), json.ControlError);
            }
            else if (!fleet.SetEndpointStatus(id, change.Code))
            {
                await WriteAsync(context, 404, new ControlError($"No endpoint '{id}' exists."), json.ControlError);
            }
            else
            {
                context.Response.StatusCode = 204;
            }
        });

        routes.MapHealthControl(fleet);
        routes.MapConnectionLogControl(fleet);

        routes.MapGet("/sim/truth", context =>
        {
            var includeUsers = string.Equals(context.Request.Query["users"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
            var account = AccountOf(context);
            if (account is not null && !accounts.Contains(account))
            {
                return UnknownAccountAsync(context, account);
            }

            var sinceText = context.Request.Query["attemptsSince"].ToString();
            long? sinceMs = null;
            if (sinceText.Length > 0)
            {
                if (!double.TryParse(sinceText, NumberStyles.Float, CultureInfo.InvariantCulture, out var since) || !double.IsFinite(since) || Math.Abs(since) > 1e12)
                {
                    return WriteAsync(context, 400, new ControlError($"Query parameter 'attemptsSince' must be epoch seconds (got '{sinceText}')."), json.ControlError);
                }

                sinceMs = (long)Math.Ceiling(since * 1000);
            }

            GroundTruth Build(long now, IReadOnlyList<SimulatedEndpoint> endpoints) => GroundTruthBuilder.Build(
                now, endpoints, includeUsers, sinceMs, requests.Snapshot(), requests.SnapshotByAccount(account), core.Faults.Totals());
            var truth = account is null ? fleet.Observe(Build) : fleet.ObserveAccount(account, Build);
            return WriteAsync(context, 200, truth, json.GroundTruth);
        });

        routes.MapReplaceable("/sim/faults", json.FaultSet, () => core.Faults.Current, core.Faults.Validate, core.Faults.Replace, new FaultSet());
        routes.MapReplaceable("/sim/permissions", json.PermissionSet, () => core.Permissions.Current, core.Permissions.Validate, core.Permissions.Replace, new PermissionSet());

        Task UnknownAccountAsync(HttpContext context, string account) =>
            WriteAsync(context, 404, new ControlError($"No account '{account}'; the simulator's accounts are {string.Join(", ", accounts.Accounts)}."), json.ControlError);
    }

    // A document the control API holds as a whole: GET reads it, PUT replaces it once valid, DELETE resets it.
    private static void MapReplaceable<T>(
        this IEndpointRouteBuilder routes, string path, JsonTypeInfo<T> typeInfo, Func<T> current, Func<T, IReadOnlyList<string>> validate, Action<T> replace, T empty)
        where T : class
    {
        routes.MapGet(path, context => WriteAsync(context, 200, current(), typeInfo));
        routes.MapPut(path, async context =>
        {
            var value = await ReadAsync(context, typeInfo);
            if (value is null)
            {
                return;
            }

            var problems = validate(value);
            if (problems.Count > 0)
            {
                await WriteAsync(context, 400, new ControlError(string.Join(" ", problems)), SimulatorJsonContext.Default.ControlError);
                return;
            }

            replace(value);
            await WriteAsync(context, 200, current(), typeInfo);
        });
        routes.MapDelete(path, context =>
        {
            replace(empty);
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        });
    }

    // Reads a JSON body whatever its content type (curl -d sends a form type); answers 400 and returns null when it is not one.
    internal static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted);
            if (value is not null)
            {
                return value;
            }
        }
        catch (JsonException e)
        {
            await WriteAsync(context, 400, new ControlError($"The body is not a valid JSON document of this resource: {e.Message}"), SimulatorJsonContext.Default.ControlError);
            return null;
        }

        await WriteAsync(context, 400, new ControlError("The body must be a JSON object."), SimulatorJsonContext.Default.ControlError);
        return null;
    }

    private static string? AccountOf(HttpContext context) =>
        context.Request.Query.TryGetValue("account", out var account) ? account.ToString() : null;

    private static ClockState StateOf(SimulationClock clock)
    {
        var (now, paused) = clock.Read();
        return new ClockState(SimulatedTime.ToUtcDateTime(now), paused, clock.Speed);
    }

    internal static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, typeInfo, cancellationToken: context.RequestAborted);
    }
}
