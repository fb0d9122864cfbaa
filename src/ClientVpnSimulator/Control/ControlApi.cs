using System.Globalization;
using System.Text.Json.Serialization.Metadata;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Control;

/// <summary>
/// The <c>/sim</c> HTTP API: drive the clock, add and delete endpoints, and read ground truth.
/// Every answer is JSON in camelCase.
/// </summary>
internal static class ControlApi
{
    /// <summary>Maps the control routes.</summary>
    public static void MapSimulatorControl(this IEndpointRouteBuilder routes, FleetSimulation fleet, RequestCounters requests)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(requests);
        var clock = fleet.Clock;
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
            var id = fleet.CreateEndpoint();
            return id is null
                ? WriteAsync(context, 409, new ControlError($"The fleet already holds {FleetSimulation.MaxEndpoints} endpoints."), json.ControlError)
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

        routes.MapGet("/sim/truth", context =>
        {
            var includeUsers = string.Equals(context.Request.Query["users"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
            var truth = fleet.Observe((now, endpoints) => GroundTruthBuilder.Build(now, endpoints, includeUsers, requests.Snapshot()));
            return WriteAsync(context, 200, truth, json.GroundTruth);
        });
    }

    private static ClockState StateOf(SimulationClock clock)
    {
        var (now, paused) = clock.Read();
        return new ClockState(SimulatedTime.ToUtcDateTime(now), paused, clock.Speed);
    }

    private static Task WriteAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = statusCode;
        return context.Response.WriteAsJsonAsync(value, typeInfo, cancellationToken: context.RequestAborted);
    }
}
