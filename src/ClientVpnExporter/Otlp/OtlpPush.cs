using System.Diagnostics.Metrics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Exposition;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// Pushes metrics over OTLP with a meter provider of its own, beside the host's (which serves <c>/metrics</c>): the
/// fleet families through <see cref="FleetInstruments"/> and the session-duration histogram through
/// <see cref="SessionDurationPush"/>, and the self metrics, <c>build_info</c>, the process and
/// runtime metrics from the same instruments <c>/metrics</c> serves. The provider listens by meter name, so a view
/// keeps only this host's meters (those its meter factory made, which carry it as their scope) and its own fleet meters:
/// another exporter in the same process is not mixed in. Started with the host, stopped (with a last export) with it.
/// </summary>
internal sealed partial class OtlpPush : IHostedService, IDisposable
{
    private const string ServiceName = "clientvpn-exporter";

    private readonly OtlpSettings settings;
    private readonly FleetPublisher publisher;
    private readonly SessionDurationPush sessions;
    private readonly IMeterFactory meterFactory;
    private readonly OtlpPushMetrics metrics;
    private readonly ExporterOptions exporterOptions;
    private readonly IConfiguration configuration;
    private readonly MeterProvider hostProvider;
    private readonly ILogger<OtlpPush> logger;
    private FleetInstruments? fleet;
    private MeterProvider? provider;

    public OtlpPush(
        OtlpSettings settings,
        FleetPublisher publisher,
        SessionDurationPush sessions,
        IMeterFactory meterFactory,
        OtlpPushMetrics metrics,
        IOptions<ExporterOptions> exporterOptions,
        IConfiguration configuration,
        MeterProvider hostProvider,
        BuildInfoMetrics buildInfo,
        ILogger<OtlpPush> logger)
    {
        // build_info's instrument exists once created: /metrics creates it when mapped, the push whether or not it is.
        _ = buildInfo;
        ArgumentNullException.ThrowIfNull(exporterOptions);
        this.settings = settings;
        this.publisher = publisher;
        this.sessions = sessions;
        this.meterFactory = meterFactory;
        this.metrics = metrics;
        this.exporterOptions = exporterOptions.Value;
        this.configuration = configuration;
        this.hostProvider = hostProvider;
        this.logger = logger;
    }

    /// <summary>The fleet families pushed, in <c>/metrics</c> order (empty before the push has started).</summary>
    public IReadOnlyList<string> FleetFamilies { get; private set; } = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var detail = this.publisher.Families.Where(family => family.Detail).Select(family => family.Name).ToHashSet(StringComparer.Ordinal);
        this.fleet = new FleetInstruments(this.publisher, this.settings, detail, this.metrics);
        if (detail.Count > 0 && this.settings.Temporality != OtlpTemporality.Delta)
        {
            this.LogDetailNotPushed(this.settings.Temporality);
        }

        var outage = new ExportOutageLog(this.logger, this.settings.Endpoint, this.settings.ExportInterval);
        var exporter = new OtlpMetricExporter(new OtlpExporterOptions
        {
            Endpoint = this.settings.Endpoint,
            Protocol = this.settings.Protocol,
            Headers = this.settings.Headers,
            TimeoutMilliseconds = (int)this.settings.Timeout.TotalMilliseconds,
        });
        var reader = new ObservedExportReader(exporter, this.settings, this.sessions.EndInterval, succeeded =>
        {
            this.metrics.Exported(succeeded);
            outage.Record(succeeded);
        });
        var awsLimits = AwsApiMetricLimits.For(AwsTargets.Provisioned(this.exporterOptions));

        // The same service.instance.id as target_info on /metrics, so a backend can join the two.
        var instanceId = this.hostProvider.GetResource().Attributes
            .FirstOrDefault(attribute => attribute.Key == "service.instance.id").Value as string ?? Guid.NewGuid().ToString();
        this.provider = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton(this.configuration))
            .ConfigureResource(resource => resource.Clear()
                .AddService(ServiceName, serviceVersion: BuildInfo.Version, serviceInstanceId: instanceId)
                .AddAttributes([new("cloud.provider", "aws")])

                // OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME, read from the host's configuration, win over the above.
                .AddEnvironmentVariableDetector()
                .AddTelemetrySdk())
            .AddMeter(ExporterMeter.Name, ExporterMeter.Concerns, ProcessMetricsServiceCollectionExtensions.RuntimeMeterName)
            .AddView(instrument => this.StreamOf(instrument, awsLimits))
            .AddReader(reader)
            .Build();
        var pushed = this.fleet.Pushed.Append(this.sessions.Family.Name).ToHashSet(StringComparer.Ordinal);
        this.FleetFamilies = [.. this.publisher.Families.Select(family => family.Name).Where(pushed.Contains)];
        this.LogStarted(this.settings.Endpoint, this.settings.Protocol, this.settings.Temporality, this.settings.ExportInterval, this.FleetFamilies.Count);
        return Task.CompletedTask;
    }

    /// <summary>Collects and exports now; false when the export failed. Tests call it after a poll, shutdown does once more.</summary>
    public bool ForceFlush(int timeoutMilliseconds = Timeout.Infinite) => this.provider?.ForceFlush(timeoutMilliseconds) ?? false;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        this.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // Disposing the provider shuts the reader down, which exports once more.
        this.provider?.Dispose();
        this.provider = null;
        this.fleet?.Dispose();
    }

    private MetricStreamConfiguration? StreamOf(Instrument instrument, Func<Instrument, MetricStreamConfiguration?> awsLimits)
    {
        if (instrument.Meter == this.fleet?.Meter)
        {
            return new MetricStreamConfiguration { CardinalityLimit = this.settings.CardinalityLimit };
        }

        if (instrument.Meter == this.sessions.Meter)
        {
            return new ExplicitBucketHistogramConfiguration { Boundaries = [.. this.sessions.Family.BucketBounds], CardinalityLimit = this.settings.CardinalityLimit };
        }

        if (instrument.Meter.Name == ProcessMetricsServiceCollectionExtensions.RuntimeMeterName)
        {
            return ProcessMetricsServiceCollectionExtensions.RuntimeInstruments.Contains(instrument.Name) ? null : MetricStreamConfiguration.Drop;
        }

        return ReferenceEquals(instrument.Meter.Scope, this.meterFactory) ? awsLimits(instrument) : MetricStreamConfiguration.Drop;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP push to {Endpoint} ({Protocol}, {Temporality}) every {Interval}, with {Families} fleet families.")]
    private partial void LogStarted(Uri endpoint, OtlpExportProtocol protocol, OtlpTemporality temporality, TimeSpan interval, int families);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Per-user and per-connection families are served on /metrics but not pushed over OTLP with {Temporality} temporality, where the SDK never frees a label set's slot; set OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta to push them.")]
    private partial void LogDetailNotPushed(OtlpTemporality temporality);
}
