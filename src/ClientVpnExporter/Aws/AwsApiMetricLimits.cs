using System.Diagnostics.Metrics;
using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Diagnostics;
using OpenTelemetry.Metrics;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The cardinality limit of the AWS call instruments, from how many targets are configured. The SDK's default of 2000
/// points per instrument is too small at organisation scale: 50 accounts in 17 regions make 850 targets, each calling
/// every operation with up to <see cref="AwsApiMetrics.MaxOutcomes"/> outcomes, and a point past the limit would go to
/// <c>otel_metric_overflow</c>. The outcome bound keeps this limit finite.
/// </summary>
internal static class AwsApiMetricLimits
{
    /// <summary>
    /// The operations an HTTP attempt is counted under: the EC2 calls the exporter makes, <c>unknown</c>, and the calls of
    /// the services without an SDK package (<see cref="ServiceOperations.All"/>).
    /// </summary>
    public static readonly int Operations = 3 + ServiceOperations.All.Count;

    /// <summary>The view for <paramref name="targets"/> targets: a limit for each instrument of <see cref="ExporterMeter.Aws"/>, the SDK's default for others.</summary>
    public static Func<Instrument, MetricStreamConfiguration?> For(int targets) => instrument =>
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return instrument.Meter.Name == ExporterMeter.Aws
            ? new MetricStreamConfiguration { CardinalityLimit = Math.Max(2000, targets * Operations * (AwsApiMetrics.MaxOutcomes + 2)) }
            : null;
    };
}
