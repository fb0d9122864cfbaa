using System.Diagnostics.Metrics;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// The meter identities the exporter's instruments are created under, one per concern. A meter's name and version are
/// the <c>otel_scope_name</c> and <c>otel_scope_version</c> labels of its series, so they are part of the exporter's output.
/// </summary>
internal static class ExporterMeter
{
    /// <summary>The fleet families' meter name (their <c>otel_scope_name</c>), and the prefix of every other meter's.</summary>
    public const string Name = "ClientVpnExporter";

    /// <summary>AWS calls: requests, retries, throttles and budget waits (<c>Aws/AwsApiMetrics</c>).</summary>
    public const string Aws = Name + ".Aws";

    /// <summary>The poll itself: completions, durations, overruns and permission checks (<c>Polling/</c>).</summary>
    public const string Polling = Name + ".Polling";

    /// <summary>Connection fields that did not parse (<c>Connections/ParseMetrics</c>).</summary>
    public const string Connections = Name + ".Connections";

    /// <summary>What the connection log reads made of their events (<c>Attempts/ConnectionLogMetrics</c>).</summary>
    public const string Attempts = Name + ".Attempts";

    /// <summary>The state file's read and write errors (<c>Persistence/StateFileMetrics</c>).</summary>
    public const string Persistence = Name + ".Persistence";

    /// <summary>The HTTP front door: refused logins and the TLS certificate served (<c>Security/WebSecurityMetrics</c>).</summary>
    public const string Security = Name + ".Security";

    /// <summary>What <c>/metrics</c> holds for scrapes (<c>Exposition/ScrapeCacheMetrics</c>).</summary>
    public const string Exposition = Name + ".Exposition";
    /// <summary>The OTLP push: exports by outcome and refused label sets (<c>Otlp/OtlpPushMetrics</c>).</summary>
    public const string Otlp = Name + ".Otlp";

    /// <summary>Every meter name above but <see cref="Name"/>, as an OpenTelemetry meter name pattern.</summary>
    public const string Concerns = Name + ".*";

    /// <summary>The meter version, and the <c>otel_scope_version</c> label.</summary>
    public static string Version => BuildInfo.Version;

    /// <summary>The fleet families' meter from the host's factory, which disposes it with the host.</summary>
    public static Meter Create(IMeterFactory meterFactory) => Create(meterFactory, Name);

    /// <summary>The meter named <paramref name="name"/> (one of the constants above) from the host's factory, which disposes it with the host.</summary>
    public static Meter Create(IMeterFactory meterFactory, string name)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        return meterFactory.Create(name, Version);
    }
}
