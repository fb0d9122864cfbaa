using System.Globalization;
using ClientVpnExporter.Configuration;
using OpenTelemetry.Exporter;

namespace ClientVpnExporter.Otlp;

/// <summary>
/// What the metrics exporters are and how OTLP push is configured, resolved once at startup from the OpenTelemetry
/// environment variables and the <c>ClientVpn:Otlp</c> section. A variable that is set wins over the section (the
/// OpenTelemetry Operator and platform images inject <c>OTEL_*</c>, and an operator's explicit variable should not be
/// overridden by a file); the metrics-specific <c>OTEL_EXPORTER_OTLP_METRICS_*</c> win over the general ones, as the
/// specification says. Every value is checked here, so a bad one stops startup with one line naming the variable.
/// </summary>
internal sealed record OtlpSettings
{
    public const string SectionName = ExporterOptions.SectionName + ":Otlp";
    public const string MetricsExporterVariable = "OTEL_METRICS_EXPORTER";
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string MetricsEndpointVariable = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";
    public const string MetricsProtocolVariable = "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL";
    public const string HeadersVariable = "OTEL_EXPORTER_OTLP_HEADERS";
    public const string MetricsHeadersVariable = "OTEL_EXPORTER_OTLP_METRICS_HEADERS";
    public const string TimeoutVariable = "OTEL_EXPORTER_OTLP_TIMEOUT";
    public const string MetricsTimeoutVariable = "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT";
    public const string TemporalityVariable = "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE";
    public const string ExportIntervalVariable = "OTEL_METRIC_EXPORT_INTERVAL";
    public const string ExportTimeoutVariable = "OTEL_METRIC_EXPORT_TIMEOUT";

    /// <summary>The shortest export interval accepted: shorter would only repeat the same poll's values.</summary>
    public static readonly TimeSpan MinExportInterval = TimeSpan.FromMilliseconds(100);

    private const string Prometheus = "prometheus";
    private const string Otlp = "otlp";
    private const string None = "none";
    private const string Grpc = "grpc";
    private const string HttpProtobuf = "http/protobuf";

    /// <summary>The SDK's cardinality limit per metric, and the default of <see cref="OtlpOptions.CardinalityLimit"/>.</summary>
    public const int DefaultCardinalityLimit = 2000;

    /// <summary>Whether <c>/metrics</c> is served: <c>prometheus</c> is listed, or nothing is set.</summary>
    public bool ServeMetricsEndpoint { get; init; } = true;

    /// <summary>Whether metrics are pushed over OTLP: <c>otlp</c> is listed.</summary>
    public bool Push { get; init; }

    public OtlpExportProtocol Protocol { get; init; } = OtlpExportProtocol.HttpProtobuf;

    /// <summary>The URL exports go to: for http/protobuf the full one, <c>/v1/metrics</c> included.</summary>
    public Uri Endpoint { get; init; } = new("http://localhost:4318/v1/metrics");

    /// <summary>The request headers, in the specification's <c>key=value,…</c> form; null for none.</summary>
    public string? Headers { get; init; }

    /// <summary>How long one export request may take.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public OtlpTemporality Temporality { get; init; } = OtlpTemporality.Cumulative;

    public TimeSpan ExportInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one collect-and-export cycle may take (<c>OTEL_METRIC_EXPORT_TIMEOUT</c>).</summary>
    public TimeSpan ExportTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public int CardinalityLimit { get; init; } = DefaultCardinalityLimit;

    /// <summary>The settings in <paramref name="configuration"/>; throws <see cref="InvalidConfigurationException"/> with every bad value.</summary>
    public static OtlpSettings Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SectionName).Get<OtlpOptions>() ?? new OtlpOptions();
        var problems = new List<string>();
        string? Variable(string name) => configuration[name] is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var (serve, push) = Exporters(Pick(Variable(MetricsExporterVariable), MetricsExporterVariable, section.MetricsExporter, "MetricsExporter"), problems);
        var protocol = ProtocolOf(Pick(Variable(MetricsProtocolVariable), MetricsProtocolVariable, Variable(ProtocolVariable), ProtocolVariable, section.Protocol, "Protocol"), problems);
        var endpoint = EndpointOf(Variable(MetricsEndpointVariable), Pick(Variable(EndpointVariable), EndpointVariable, section.Endpoint, "Endpoint"), protocol, problems);
        var headers = HeadersOf(Pick(Variable(MetricsHeadersVariable), MetricsHeadersVariable, Variable(HeadersVariable), HeadersVariable, section.Headers, "Headers"), problems);
        var timeout = Duration(Variable(MetricsTimeoutVariable), MetricsTimeoutVariable, Variable(TimeoutVariable), TimeoutVariable, section.Timeout, "Timeout", TimeSpan.FromMilliseconds(1), problems) ?? TimeSpan.FromSeconds(10);
        var interval = Duration(Variable(ExportIntervalVariable), ExportIntervalVariable, null, null, section.ExportInterval, "ExportInterval", MinExportInterval, problems) ?? TimeSpan.FromSeconds(60);
        var exportTimeout = Duration(Variable(ExportTimeoutVariable), ExportTimeoutVariable, null, null, null, null, TimeSpan.FromMilliseconds(1), problems) ?? TimeSpan.FromSeconds(30);
        var temporality = TemporalityOf(Variable(TemporalityVariable), section.TemporalityPreference, problems);
        if (section.CardinalityLimit is < 1 or > 1_000_000)
        {
            problems.Add($"{SectionName}:CardinalityLimit must be between 1 and 1000000 (got {section.CardinalityLimit}).");
        }

        InvalidConfigurationException.ThrowIfAny(problems);
        return new OtlpSettings
        {
            ServeMetricsEndpoint = serve,
            Push = push,
            Protocol = protocol,
            Endpoint = endpoint,
            Headers = headers,
            Timeout = timeout,
            Temporality = temporality,
            ExportInterval = interval,
            ExportTimeout = exportTimeout,
            CardinalityLimit = section.CardinalityLimit ?? DefaultCardinalityLimit,
        };
    }

    /// <summary>The first value given, with the name of the setting it came from.</summary>
    private static (string? Value, string Name) Pick(string? variable, string variableName, string? setting, string settingName) =>
        variable is not null ? (variable, variableName) : (NullIfBlank(setting), $"{SectionName}:{settingName}");

    private static (string? Value, string Name) Pick(string? specific, string specificName, string? general, string generalName, string? setting, string settingName) =>
        specific is not null ? (specific, specificName) : Pick(general, generalName, setting, settingName);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static (bool Serve, bool Push) Exporters((string? Value, string Name) given, List<string> problems)
    {
        if (given.Value is null)
        {
            return (true, false);
        }

        var names = given.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.ToLowerInvariant()).ToList();
        var unknown = names.Where(name => name is not (Prometheus or Otlp or None)).ToList();
        if (unknown.Count > 0 || names.Count == 0 || (names.Contains(None) && names.Count > 1))
        {
            problems.Add($"{given.Name} must be a list of prometheus and otlp, or none (got '{SettingsSchema.Shown(given.Value)}').");
            return (true, false);
        }

        return (names.Contains(Prometheus), names.Contains(Otlp));
    }

    private static OtlpExportProtocol ProtocolOf((string? Value, string Name) given, List<string> problems)
    {
        switch (given.Value?.ToLowerInvariant())
        {
            case null or HttpProtobuf:
                return OtlpExportProtocol.HttpProtobuf;
            case Grpc:
                return OtlpExportProtocol.Grpc;
            default:
                problems.Add($"{given.Name} must be grpc or http/protobuf (got '{SettingsSchema.Shown(given.Value)}'; http/json is not supported).");
                return OtlpExportProtocol.HttpProtobuf;
        }
    }

    /// <summary>
    /// The metrics-specific endpoint is used as it is; the general one is a base URL to which http/protobuf adds
    /// <c>v1/metrics</c>, as the specification says. Without either, the collector's default port on localhost.
    /// </summary>
    private static Uri EndpointOf(string? specific, (string? Value, string Name) general, OtlpExportProtocol protocol, List<string> problems)
    {
        var (value, name, appendPath) = specific is not null ? (specific, MetricsEndpointVariable, false) : (general.Value, general.Name, protocol == OtlpExportProtocol.HttpProtobuf);
        if (value is null)
        {
            return new Uri(protocol == OtlpExportProtocol.Grpc ? "http://localhost:4317" : "http://localhost:4318/v1/metrics");
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{name} must be an http:// or https:// URL (got '{SettingsSchema.Shown(value)}').");
            return new Uri("http://localhost:4318/v1/metrics");
        }

        return appendPath ? new Uri(uri.AbsoluteUri.TrimEnd('/') + "/v1/metrics") : uri;
    }

    private static string? HeadersOf((string? Value, string Name) given, List<string> problems)
    {
        if (given.Value is null)
        {
            return null;
        }

        foreach (var pair in given.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || pair[..equals].Trim().Length == 0)
            {
                // The value may hold a secret (an API key): only the header's position is named.
                problems.Add($"{given.Name} must be key=value pairs separated by commas; an entry has no key or no '='.");
                return null;
            }
        }

        return given.Value;
    }

    /// <summary>A duration: from a variable in whole milliseconds, or from the section as a TimeSpan.</summary>
    private static TimeSpan? Duration(
        string? specific, string specificName, string? general, string? generalName, TimeSpan? setting, string? settingName, TimeSpan minimum, List<string> problems)
    {
        var (value, name) = specific is not null ? (specific, specificName) : (general, generalName);
        if (value is not null)
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) || milliseconds < minimum.TotalMilliseconds || milliseconds > int.MaxValue)
            {
                problems.Add($"{name} must be a whole number of milliseconds, at least {minimum.TotalMilliseconds} (got '{SettingsSchema.Shown(value)}').");
                return null;
            }

            return TimeSpan.FromMilliseconds(milliseconds);
        }

        if (setting is { } given && (given < minimum || given.TotalMilliseconds > int.MaxValue))
        {
            problems.Add($"{SectionName}:{settingName} must be at least {minimum} (got {given}).");
            return null;
        }

        return setting;
    }

    private static OtlpTemporality TemporalityOf(string? variable, OtlpTemporality? setting, List<string> problems)
    {
        if (variable is null)
        {
            return setting ?? OtlpTemporality.Cumulative;
        }

        if (!Enum.TryParse<OtlpTemporality>(variable, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || variable.Any(char.IsAsciiDigit))
        {
            problems.Add($"{TemporalityVariable} must be cumulative, delta or lowmemory (got '{SettingsSchema.Shown(variable)}').");
            return OtlpTemporality.Cumulative;
        }

        return parsed;
    }
}
