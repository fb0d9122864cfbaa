using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Attempts;

/// <summary>FilterLogEvents through each target's signed CloudWatch Logs client, its Logs budget and its API self metrics.</summary>
internal sealed class CloudWatchConnectionLogApi : IConnectionLogApi
{
    public Task<LogEventsPage> FilterLogEventsAsync(AwsTarget target, LogEventsQuery query, string? nextToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Services.Logs.FilterLogEventsAsync(query, nextToken, cancellationToken);
    }
}
