using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Health;
using ClientVpnExporter.Otlp;
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
        builder.Services.AddProcessMetrics();

        // The self metrics' meters are enabled per host by AddExposition; the AWS API families need a limit above the
        // SDK's default at organisation scale (AwsApiMetricLimits).
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, metrics) => metrics
            .AddView(AwsApiMetricLimits.For(AwsTargets.Configured(services.GetRequiredService<IOptions<ExporterOptions>>().Value).Count)));
        builder.Services.AddPolling();
        builder.Services.AddHealth();
        builder.Services.AddAttempts();
        var otlp = builder.Services.AddOtlpPush(builder.Configuration);

        builder.Services.AddHealthChecks()
            .AddCheck<FirstPollReadinessCheck>("first-poll", tags: [HealthTags.Ready]);

        // The health check service logs every degraded result as a warning, so a probe that asks every second while
        // the first poll runs would log a line each time. Not ready yet is not news; a check that fails still logs.
        builder.Logging.AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.Error);

        EnsureEveryValidatedSettingsTypeIsRead(builder.Services);
        var app = builder.Build();
        ValidateTogether(app.Services);
        RegionNames.WarnAboutUnknown(
            app.Services.GetRequiredService<IOptions<ExporterOptions>>().Value,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RegionNames)));
        StartupLogFilter.UseIn(app);
        app.UseWebSecurity();
        if (otlp.ServeMetricsEndpoint)
        {
            app.MapMetricsEndpoint().AllowGetAndHeadOnly();
        }

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowGetAndHeadOnly();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthTags.Ready),
            ResultStatusCodes = FirstPollReadinessCheck.ReadinessStatusCodes,
        }).AllowGetAndHeadOnly();
        app.MapMethods("/", ReadOnlyEndpoints.Methods, (HttpContext context) => Results.Content(
            LandingPage.Render(
                context.RequestServices.GetRequiredService<FleetPublisher>().Current.View,
                context.RequestServices.GetRequiredService<PermissionChecker>().States(),
                context.RequestServices.GetRequiredService<PollHistory>().Latest(),
                context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()),
            "text/html; charset=utf-8"));
        return app;
    }

    /// <summary>
    /// The exporter's settings types that have a validator, each with how to read its validated value: explicit code,
    /// not a generic type made at run time, so that Native AOT compiles every read. Their failures are reported in this order.
    /// </summary>
    private static readonly (Type Settings, Func<IServiceProvider, object> Read)[] ValidatedSettings =
    [
        Settings<WebConfig>(), // AddWebSecurity registers its validator first
        Settings<ExporterOptions>(),
    ];

    private static (Type Settings, Func<IServiceProvider, object> Read) Settings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TSettings>()
        where TSettings : class =>
        (typeof(TSettings), services => services.GetRequiredService<IOptions<TSettings>>().Value);

    /// <summary>
    /// A validator registered for a settings type of this assembly that <see cref="ValidatedSettings"/> does not list
    /// would be left to the host's own startup validation, one type at a time: a programming error, stopped here.
    /// </summary>
    private static void EnsureEveryValidatedSettingsTypeIsRead(IServiceCollection services)
    {
        var unread = services
            .Where(service => service.ServiceType.IsConstructedGenericType && service.ServiceType.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(service => service.ServiceType.GenericTypeArguments[0])
            .Where(settings => settings.Assembly == typeof(ExporterHost).Assembly)
            .Except(ValidatedSettings.Select(validated => validated.Settings))
            .ToList();
        if (unread.Count > 0)
        {
            throw new InvalidOperationException($"Add {string.Join(", ", unread.Select(type => type.Name))} to ExporterHost.ValidatedSettings.");
        }
    }

    /// <summary>
    /// Validates each settings type and throws all their failures together (an <see cref="AggregateException"/> of
    /// <see cref="OptionsValidationException"/> when several types fail). This runs before anything below resolves
    /// the first of them (MapPrometheusScrapingEndpoint reads ExporterOptions; the metrics subscription that the
    /// host's own startup validator resolves first does too), where one invalid type would hide the others.
    /// </summary>
    private static void ValidateTogether(IServiceProvider services)
    {
        var failures = new List<OptionsValidationException>();
        foreach (var (_, read) in ValidatedSettings)
        {
            try
            {
                // A direct call, so that the binder's own errors (a value of the wrong type) reach Program as they are.
                _ = read(services);
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
