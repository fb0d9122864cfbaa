using System.Globalization;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Control;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// The <c>/sim</c> routes of the connection log: make the client-connect handler deny everyone for a while, turn an
/// endpoint's logging on or off, set the ingestion delay. Answers as the rest of the control API: 204 done (200 with
/// the document for the delay), 400 invalid, 404 unknown endpoint, 409 when the endpoint has no handler.
/// </summary>
internal static class ConnectionLogControlApi
{
    /// <summary>The longest denial one call sets: a week of simulated time.</summary>
    public const double MaxDenialSeconds = 7 * 24 * 3600;

    /// <summary>Maps the routes.</summary>
    public static void MapConnectionLogControl(this IEndpointRouteBuilder routes, FleetSimulation fleet)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(fleet);
        var json = SimulatorJsonContext.Default;

        routes.MapPost("/sim/endpoints/{id}/client-connect-outcome", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var change = await ControlApi.ReadAsync(context, json.ClientConnectOutcomeChange);
            if (change is null)
            {
                return;
            }

            if (change.Seconds is { } seconds && (!double.IsFinite(seconds) || seconds <= 0 || seconds > MaxDenialSeconds))
            {
                await ErrorAsync(context, 400, string.Create(CultureInfo.InvariantCulture, $"seconds must be above 0 and at most {MaxDenialSeconds} (got {seconds})."));
                return;
            }

            var withoutHandler = false;
            var found = fleet.ChangeHealth(id, (now, endpoint) =>
            {
                withoutHandler = !endpoint.Profile.ClientConnectHandlerEnabled;
                if (!withoutHandler)
                {
                    var until = !change.Deny ? now : change.Seconds is { } s ? now + (long)Math.Round(s * SimulatedTime.Second) : long.MaxValue;
                    endpoint.SetHandlerDenial(now, until);
                }

                return true;
            });
            if (!found)
            {
                await ErrorAsync(context, 404, $"No endpoint '{id}' exists.");
            }
            else if (withoutHandler)
            {
                await ErrorAsync(context, 409, $"Endpoint '{id}' has no client-connect handler.");
            }
            else
            {
                context.Response.StatusCode = 204;
            }
        });

        routes.MapPost("/sim/endpoints/{id}/connection-log", async context =>
        {
            var id = (string)context.Request.RouteValues["id"]!;
            var change = await ControlApi.ReadAsync(context, json.ConnectionLogChange);
            if (change is null)
            {
                return;
            }

            if (fleet.ChangeHealth(id, (now, endpoint) =>
            {
                endpoint.SetConnectionLogEnabled(now, change.Enabled);
                return true;
            }))
            {
                context.Response.StatusCode = 204;
            }
            else
            {
                await ErrorAsync(context, 404, $"No endpoint '{id}' exists.");
            }
        });

        var settings = fleet.Settings.ConnectionLog;
        routes.MapGet("/sim/connection-log/ingestion-delay", context =>
            ControlApi.WriteAsync(context, 200, fleet.Observe((_, _) => Document(settings.IngestionDelay), advance: false), json.IngestionDelayDocument));
        routes.MapPut("/sim/connection-log/ingestion-delay", async context =>
        {
            var change = await ControlApi.ReadAsync(context, json.IngestionDelayDocument);
            if (change is null)
            {
                return;
            }

            var delay = new IngestionDelay(Ms(change.MinSeconds), Ms(change.MaxSeconds));
            if (!double.IsFinite(change.MinSeconds) || !double.IsFinite(change.MaxSeconds) || !delay.IsValid)
            {
                await ErrorAsync(context, 400, "minSeconds and maxSeconds must satisfy 0 <= minSeconds <= maxSeconds <= 1800.");
                return;
            }

            // Every endpoint is first brought to now, so that events of the past keep the delay they were written with.
            var current = fleet.Observe((_, _) =>
            {
                settings.IngestionDelay = delay;
                return Document(delay);
            });
            await ControlApi.WriteAsync(context, 200, current, json.IngestionDelayDocument);
        });
    }

    private static IngestionDelayDocument Document(IngestionDelay delay) =>
        new() { MinSeconds = delay.MinMs / 1000.0, MaxSeconds = delay.MaxMs / 1000.0 };

    private static long Ms(double seconds) => double.IsFinite(seconds) ? (long)Math.Round(Math.Clamp(seconds, -1e9, 1e9) * 1000) : -1;

    private static Task ErrorAsync(HttpContext context, int status, string message) =>
        ControlApi.WriteAsync(context, status, new ControlError(message), SimulatorJsonContext.Default.ControlError);
}
