using System.Text;

namespace ClientVpnExporter.Security;

/// <summary>
/// Requires HTTP basic authentication when the web configuration lists users: a request without valid credentials
/// gets 401 with <c>WWW-Authenticate: Basic</c>. The health probes stay open (kubelet and load-balancer probes
/// cannot keep a password, and they reveal only whether the exporter is up and has polled); everything else,
/// <c>/metrics</c> and the landing page included, is protected.
/// </summary>
internal sealed class BasicAuthenticationMiddleware(RequestDelegate next, BasicCredentialVerifier verifier)
{
    /// <summary>Paths served without credentials.</summary>
    public static readonly IReadOnlyList<PathString> OpenPaths = ["/healthz", "/readyz"];

    private const string Challenge = "Basic realm=\"clientvpn-exporter\", charset=\"UTF-8\"";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!verifier.IsRequired || IsOpen(context.Request.Path) || this.IsAuthenticated(context.Request))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = Challenge;
        await context.Response.WriteAsync("Unauthorized\n");
    }

    private static bool IsOpen(PathString path) =>
        OpenPaths.Any(open => path.StartsWithSegments(open, StringComparison.OrdinalIgnoreCase));

    private bool IsAuthenticated(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || header[0] is not { } value || !value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string credentials;
        try
        {
            credentials = Encoding.UTF8.GetString(Convert.FromBase64String(value["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = credentials.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 && verifier.Verify(credentials[..colon], credentials[(colon + 1)..]);
    }
}
