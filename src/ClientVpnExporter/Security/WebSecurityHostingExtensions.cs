using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Security;

/// <summary>Wires the web configuration file into the host: validation at startup, TLS in Kestrel, basic auth in the pipeline.</summary>
internal static class WebSecurityHostingExtensions
{
    public static WebApplicationBuilder AddWebSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<WebConfig>().ValidateOnStart();
        builder.Services.AddSingleton<WebSecurityMetrics>();
        builder.Services.AddSingleton<IConfigureOptions<WebConfig>, WebConfigLoader>();
        builder.Services.AddSingleton<IValidateOptions<WebConfig>, WebConfigValidator>();
        builder.Services.AddSingleton(services => new BasicCredentialVerifier(
            services.GetRequiredService<IOptions<WebConfig>>().Value.BasicAuthUsers,
            services.GetService<Func<string, string, bool>>() ?? BasicCredentialVerifier.Bcrypt)); // a test may wrap bcrypt to watch it
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<TlsCertificateReloader>(
            services, services.GetRequiredService<IOptions<WebConfig>>().Value.Tls!));

        // Endpoint defaults apply to every listen address, http:// URLs included: as with the exporter-toolkit,
        // a TLS configuration means TLS on the port, never a plain-HTTP fallback. The callback runs when Kestrel
        // binds, after the startup validation, so the web configuration is known to be valid by then.
        // The web configuration is read inside the callback, not when Kestrel's options are built: the host builds
        // those before the startup validation, where an invalid file would hide every other setting's problem.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<WebConfig>, IServiceProvider>((kestrel, web, services) =>
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                if (web.Value.Tls is { } tls)
                {
                    tls.ApplyTo(listen, services.GetRequiredService<TlsCertificateReloader>());
                }
            }));
        return builder;
    }

    public static WebApplication UseWebSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<BasicAuthenticationMiddleware>();
        return app;
    }
}
