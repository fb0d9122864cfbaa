using System.Globalization;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Control;

/// <summary>
/// The <c>/sim</c> routes that change what decides whether clients can connect: certificates, SAML providers,
/// CRLs, subnet associations, rule and route failures, the client-connect handler's state. Answers as the rest
/// of the control API: 204 done, 400 invalid (<c>{"error":…}</c> naming the field), 404 unknown.
/// </summary>
internal static class HealthControlApi
{
    /// <summary>Maps the health routes.</summary>
    public static void MapHealthControl(this IEndpointRouteBuilder routes, FleetSimulation fleet)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(fleet);
        var json = SimulatorJsonContext.Default;

        routes.MapPost("/sim/certificates", async context =>
        {
            var change = await ControlApi.ReadAsync(context, json.CertificateChange);
            if (change is null)
            {
                return;
            }

            var problem = Invalid("status", change.Status, HealthStatusCodes.CertificateStatus)
                ?? Invalid("type", change.Type, HealthStatusCodes.CertificateType)
                ?? Invalid("renewalEligibility", change.RenewalEligibility, HealthStatusCodes.RenewalEligibility);
            if (problem is not null)
            {
                await BadRequestAsync(context, problem);
                return;
            }

            var changed = fleet.ChangeCertificate(change.CertificateArn, certificate =>
            {
                certificate.NotAfterMs = change.NotAfter?.ToUnixTimeMilliseconds() ?? certificate.NotAfterMs;
                certificate.Status = change.Status ?? certificate.Status;
                certificate.Type = change.Type ?? certificate.Type;
                certificate.RenewalEligibility = change.RenewalEligibility ?? certificate.RenewalEligibility;
            });
            await DoneAsync(context, changed, $"No certificate '{change.CertificateArn}' exists.");
        });

        routes.MapPost("/sim/saml-providers", async context =>
        {
            var change = await ControlApi.ReadAsync(context, json.SamlProviderChange);
            if (change is not null)
            {
                var changed = fleet.ChangeSamlProvider(change.SamlProviderArn, provider => provider.ValidUntilMs = change.ValidUntil.ToUnixTimeMilliseconds());
                await DoneAsync(context, changed, $"No SAML provider '{change.SamlProviderArn}' exists.");
            }
        });

        routes.MapPut("/sim/endpoints/{id}/crl", async context =>
        {
            var change = await ControlApi.ReadAsync(context, json.RevocationListChange);
            if (change is null)
            {
                return;
            }

            var nextUpdate = change.NextUpdate.ToUnixTimeMilliseconds();
            var thisUpdate = change.ThisUpdate?.ToUnixTimeMilliseconds() ?? nextUpdate - (30 * SimulatedTime.Day);
            var problem = Invalid("status", change.Status, HealthStatusCodes.RevocationList)
                ?? (thisUpdate >= nextUpdate ? "thisUpdate must be before nextUpdate." : null)
                ?? (change.RevokedSerials.Count > RevocationList.MaxEntries
                    ? string.Create(CultureInfo.InvariantCulture, $"revokedSerials may hold at most {RevocationList.MaxEntries} serials, as Client VPN accepts.")
                    : null)
                ?? change.RevokedSerials.Select(SerialProblem).FirstOrDefault(p => p is not null);
            if (problem is not null)
            {
                await BadRequestAsync(context, problem);
                return;
            }

            var list = new RevocationList(
                0, thisUpdate, nextUpdate, [.. change.RevokedSerials.Select(s => new RevokedCertificate(Normalize(s), thisUpdate))], change.Status);
            await DoneAsync(context, fleet.ChangeHealth(IdOf(context), (_, endpoint) => Imported(endpoint, list)), $"No endpoint '{IdOf(context)}' exists.");
        });

        routes.MapDelete("/sim/endpoints/{id}/crl", context =>
            DoneAsync(context, fleet.ChangeHealth(IdOf(context), (_, endpoint) => Imported(endpoint, null)), $"No endpoint '{IdOf(context)}' exists."));

        routes.MapPost("/sim/endpoints/{id}/associations", async context =>
        {
            TargetNetworkAssociation? added = null;
            var exists = fleet.ChangeHealth(IdOf(context), (_, endpoint) =>
            {
                added = endpoint.Health.Associate(EndpointHealthFactory.VpcCidr(endpoint.Profile));
                return true;
            });
            if (!exists)
            {
                await NotFoundAsync(context, $"No endpoint '{IdOf(context)}' exists.");
            }
            else if (added is null)
            {
                await ControlApi.WriteAsync(context, 409, new ControlError($"Every Availability Zone ({EndpointHealth.AvailabilityZones.Count}) already has a subnet associated."), json.ControlError);
            }
            else
            {
                await ControlApi.WriteAsync(context, 201, new AssociationCreated(added.AssociationId), json.AssociationCreated);
            }
        });

        routes.MapPost("/sim/endpoints/{id}/associations/{associationId}/status", context => ChangeStatusAsync(
            context, fleet, HealthStatusCodes.Association, (endpoint, change) =>
                endpoint.Health.SetAssociationStatus(RouteValue(context, "associationId"), change.Code, change.Message)));

        routes.MapDelete("/sim/endpoints/{id}/associations/{associationId}", context => DoneAsync(
            context,
            fleet.ChangeHealth(IdOf(context), (_, endpoint) => endpoint.Health.Disassociate(RouteValue(context, "associationId"))),
            $"No association '{RouteValue(context, "associationId")}' of an endpoint '{IdOf(context)}' exists."));

        routes.MapPost("/sim/endpoints/{id}/authorization-rules/{index:int}/status", context => ChangeStatusAsync(
            context, fleet, HealthStatusCodes.AuthorizationRule, (endpoint, change) =>
            {
                var rules = endpoint.Health.AuthorizationRules;
                var index = IndexOf(context);
                if (index < 0 || index >= rules.Count)
                {
                    return false;
                }

                endpoint.Health.AuthorizationRules = [.. rules.Select((r, i) => i == index ? r with { Status = change.Code, Message = change.Message } : r)];
                return true;
            }));

        routes.MapPost("/sim/endpoints/{id}/routes/{index:int}/status", context => ChangeStatusAsync(
            context, fleet, HealthStatusCodes.Route, (endpoint, change) =>
            {
                var table = endpoint.Health.Routes;
                var index = IndexOf(context);
                if (index < 0 || index >= table.Count)
                {
                    return false;
                }

                endpoint.Health.Routes = [.. table.Select((r, i) => i == index ? r with { Status = change.Code, Message = change.Message } : r)];
                return true;
            }));

        routes.MapPost("/sim/endpoints/{id}/client-connect", context => ChangeStatusAsync(
            context, fleet, HealthStatusCodes.ClientConnect, (endpoint, change) =>
            {
                endpoint.SetClientConnectStatus(change.Code);
                return true;
            }));
    }

    private static bool Imported(SimulatedEndpoint endpoint, RevocationList? list)
    {
        endpoint.Health.Import(list);
        return true;
    }

    private static async Task ChangeStatusAsync(HttpContext context, FleetSimulation fleet, IReadOnlyList<string> codes, Func<SimulatedEndpoint, HealthStatusChange, bool> change)
    {
        var body = await ControlApi.ReadAsync(context, SimulatorJsonContext.Default.HealthStatusChange);
        if (body is null)
        {
            return;
        }

        if (Invalid("code", body.Code, codes) is { } problem)
        {
            await BadRequestAsync(context, problem);
            return;
        }

        await DoneAsync(context, fleet.ChangeHealth(IdOf(context), (_, endpoint) => change(endpoint, body)), $"No such endpoint, or no such item of endpoint '{IdOf(context)}'.");
    }

    private static string? Invalid(string field, string? value, IReadOnlyList<string> allowed) =>
        value is null || allowed.IsOneOf(value) ? null : $"{field} must be one of {string.Join(", ", allowed)} (got \"{value}\").";

    private static string? SerialProblem(string serial) =>
        Normalize(serial) is { Length: > 0 and <= 40 } hex && hex.All(char.IsAsciiHexDigit)
            ? null
            : $"revokedSerials must be hexadecimal serial numbers of up to 20 bytes (got \"{serial}\").";

    // As the DER INTEGER of a positive serial: colons (as ACM shows serials) dropped, whole bytes, no redundant
    // leading zero byte, and one where the high bit is set, so that the CRL holds the number given.
    private static string Normalize(string serial)
    {
        var hex = serial.Replace(":", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        hex = hex.Length % 2 == 1 ? "0" + hex : hex;
        while (hex.Length > 2 && hex.StartsWith("00", StringComparison.Ordinal) && hex[2] < '8')
        {
            hex = hex[2..];
        }

        return hex.Length > 0 && hex[0] >= '8' ? "00" + hex : hex;
    }

    private static string IdOf(HttpContext context) => RouteValue(context, "id");

    private static string RouteValue(HttpContext context, string name) => (string)context.Request.RouteValues[name]!;

    private static int IndexOf(HttpContext context) => int.Parse(RouteValue(context, "index"), CultureInfo.InvariantCulture);

    private static Task DoneAsync(HttpContext context, bool done, string notFound)
    {
        if (!done)
        {
            return NotFoundAsync(context, notFound);
        }

        context.Response.StatusCode = 204;
        return Task.CompletedTask;
    }

    private static Task NotFoundAsync(HttpContext context, string message) =>
        ControlApi.WriteAsync(context, 404, new ControlError(message), SimulatorJsonContext.Default.ControlError);

    private static Task BadRequestAsync(HttpContext context, string message) =>
        ControlApi.WriteAsync(context, 400, new ControlError(message), SimulatorJsonContext.Default.ControlError);
}
