using System.Text;

namespace ClientVpnExporter.Security;

/// <summary>
/// Requires HTTP basic authentication when the web configuration lists users: a request without valid credentials
/// gets 401 with <c>WWW-Authenticate: Basic</c>, and one that would need a bcrypt check while
/// <see cref="BasicCredentialVerifier.MaxConcurrentChecks"/> are running gets 429 without one. The health probes
/// stay open (kubelet and load-balancer probes cannot keep a password, and they reveal only whether the exporter
/// is up and has polled); everything else, <c>/metrics</c> and the landing page included, is protected.
/// Every refusal counts in <c>clientvpn_exporter_http_auth_failures_total{reason}</c>.
/// </summary>
internal sealed class BasicAuthenticationMiddleware(RequestDelegate next, BasicCredentialVerifier verifier, WebSecurityMetrics metrics)
{
    /// <summary>Paths served without credentials.</summary>
    public static readonly IReadOnlyList<PathString> OpenPaths = ["/healthz", "/readyz"];

    private const string Challenge = "Basic realm=\"clientvpn-exporter\", charset=\"UTF-8\"";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!verifier.IsRequired || IsOpen(context.Request.Path))
        {
            await next(context);
            return;
        }

        var refusal = await this.RefusalAsync(context.Request);
        if (refusal is null)
        {
            await next(context);
            return;
        }

        metrics.HttpAuthFailure(refusal);
        if (refusal == Reasons.Throttled)
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.WriteAsync("Too many password checks at once; retry later\n");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        await context.Response.WriteAsync("Unauthorized\n");
    }

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase));

    /// <summary>Null when the credentials are accepted, else the <c>reason</c> label of the refusal.</summary>
    private async ValueTask<string?> RefusalAsync(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count == 0)
        {
            return Reasons.Missing;
        }

        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Reasons.Malformed;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(value["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Reasons.Malformed;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return Reasons.Malformed;
        }

        return await verifier.CheckAsync(credentials[..colon], credentials[(colon + 1)..]) switch
        {
            CredentialCheck.Accepted => null,
            CredentialCheck.Busy => Reasons.Throttled,
            _ => Reasons.Wrong,
        };
    }

    /// <summary>The <c>reason</c> label values of <c>clientvpn_exporter_http_auth_failures_total</c>.</summary>
    internal static class Reasons
    {
        public const string Missing = "missing";
        public const string Malformed = "malformed";
        public const string Wrong = "wrong";
        public const string Throttled = "throttled";
    }
}
