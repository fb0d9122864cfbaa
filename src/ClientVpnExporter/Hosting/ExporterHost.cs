using System.Reflection;
using System.Runtime.ExceptionServices;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Hosting;

/// <summary>Builds the exporter's web host: options, the poller, OpenTelemetry with the Prometheus exporter, health endpoints.</summary>
public static class ExporterHost
{
    /// <summary>The exporter's port when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public const int DefaultPort = 9926;

    /// <summary>How long stopping (SIGTERM, Ctrl+C) may take before the host gives up on its services, well inside Kubernetes' 30 s grace period.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Builds the host from command-line arguments; <paramref name="configure"/> may add settings or services. Settings are
    /// read from beside the binary (<see cref="AppContext.BaseDirectory"/>), never from the working directory, which may be
    /// a folder anyone can write to. Throws <see cref="InvalidConfigurationException"/> for an unknown or misshapen setting
    /// or argument, and <see cref="OptionsValidationException"/> for invalid values.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var commandLine = CommandLineArguments.Parse(args);
        var folder = AppContext.BaseDirectory;
        InvalidConfigurationException.ThrowIfAny(ConfigurationSourcesCheck.SettingsFileProblems(folder));
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = commandLine.Settings, ContentRootPath = folder });
        configure?.Invoke(builder);
        InvalidConfigurationException.ThrowIfAny(
            ConfigurationSourcesCheck.SourceProblems(builder.Configuration, SettingsSchema.Exporter)
                .Concat(ConfigurationSourcesCheck.UrlProblems(builder.Configuration[WebHostDefaults.ServerUrlsKey])));

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls($"http://+:{DefaultPort}");
        }

        StartupLogFilter.AddTo(builder);
        builder.AddWebSecurity();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);

        builder.Services.AddOptions<ExporterOptions>()
            .Bind(builder.Configuration.GetSection(ExporterOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ExporterOptions>, ExporterOptionsValidator>();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddExposition();

        // Each concern's self metrics have a meter of their own (ExporterMeter); the fleet's has the base name.
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics
            .AddMeter(ExporterMeter.Concerns)
            .AddView(AwsApiMetricLimits.For(AwsTargets.Configured(services.GetRequiredService<IOptions<ExporterOptions>>().Value).Count)));
        builder.Services.AddPolling();

        builder.Services.AddHealthChecks()
            .AddCheck<FirstPollReadinessCheck>("first-poll", tags: [HealthTags.Ready]);

        // The health check service logs every degraded result as a warning, so a probe that asks every second while
        // the first poll runs would log a line each time. Not ready yet is not news; a check that fails still logs.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error);

        var validatedSettings = builder.Services
            .Where(service => service.ServiceType.IsConstructedGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(service => service.ServiceType.GenericTypeArguments[0])
            .Where(settings => settings.Assembly == typeof(ExporterHost).Assembly)
            .Distinct()
            .ToList();
        var app = builder.Build();
        ValidateTogether(app.Services, validatedSettings);
        RegionNames.WarnAboutUnknown(
            app.Services.GetRequiredService<IOptions<ExporterOptions>>().Value,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RegionNames)));
        StartupLogFilter.UseIn(app);
        app.UseWebSecurity();
        app.MapMetricsEndpoint().AllowGetAndHeadOnly();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowGetAndHeadOnly();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResultStatusCodes = FirstPollReadinessCheck.ReadinessStatusCodes,
        }).AllowGetAndHeadOnly();
        app.MapMethods("/", ReadOnlyEndpoints.Methods, () => Results.Content(LandingPage.Html, "text/html; charset=utf-8"));
        return app;
    }

    /// <summary>
    /// Validates each settings type and throws all their failures together (an <see cref="AggregateException"/> of
    /// <see cref="OptionsValidationException"/> when several types fail). This runs before anything below resolves
    /// the first of them (MapPrometheusScrapingEndpoint reads ExporterOptions; the metrics subscription that the
    /// host's own startup validator resolves first does too), where one invalid type would hide the others.
    /// </summary>
    private static void ValidateTogether(IServiceProvider services, List<Type> settingsTypes)
    {
        var failures = new List<OptionsValidationException>();
        foreach (var settingsType in settingsTypes)
        {
            var optionsType = typeof(IOptions<>).MakeGenericType(settingsType);
            var value = optionsType.GetProperty(nameof(IOptions<object>.Value))!;
            try
            {
                // Unwrapped, so that the binder's own errors (a value of the wrong type) reach Program as they are.
                _ = value.GetValue(services.GetRequiredService(optionsType), BindingFlags.DoNotWrapExceptions, null, null, null);
            }
            catch (OptionsValidationException failure)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count == 1)
        {
            ExceptionDispatchInfo.Throw(failures[0]);
        }

        if (failures.Count > 1)
        {
            throw new AggregateException(failures);
        }
    }
}
