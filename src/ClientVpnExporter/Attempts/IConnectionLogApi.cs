using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Attempts;

/// <summary>CloudWatch Logs as the attempts loop reads it: one FilterLogEvents page at a time.</summary>
internal interface IConnectionLogApi
{
    /// <summary>The page of <paramref name="query"/> from <paramref name="nextToken"/> (null: the first), in <paramref name="target"/>'s account and region.</summary>
    Task<LogEventsPage> FilterLogEventsAsync(AwsTarget target, LogEventsQuery query, string? nextToken, CancellationToken cancellationToken);
}
