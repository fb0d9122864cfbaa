using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Attempts;

/// <summary>
/// Reads an endpoint's connection log with CloudWatch Logs FilterLogEvents, page by page: its log group and stream,
/// from a start time, up to <see cref="ConnectionLogOptions.MaxPagesPerRead"/> pages. A page that fails fails the read.
/// </summary>
internal sealed class ConnectionLogReader(IConnectionLogApi logs, IOptions<ExporterOptions> options)
{
    private readonly IConnectionLogApi logs = logs;
    private readonly ConnectionLogOptions options = options.Value.ConnectionLog;

    /// <summary>The events of <paramref name="endpoint"/>'s log with a timestamp from <paramref name="start"/> on.</summary>
    public async Task<ConnectionLogRead> ReadAsync(AwsTarget target, EndpointDescription endpoint, DateTimeOffset start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(endpoint);
        var query = new LogEventsQuery(
            endpoint.ConnectionLogGroup,
            StartTime: start,
            Limit: this.options.PageSize,
            LogStreamNames: endpoint.ConnectionLogStream.Length > 0 ? [endpoint.ConnectionLogStream] : null);
        var events = new List<LogEvent>();
        string? nextToken = null;
        var pages = 0;
        do
        {
            var page = await this.logs.FilterLogEventsAsync(target, query, nextToken, cancellationToken);
            events.AddRange(page.Events);
            nextToken = page.NextToken;
            pages++;
        }
        while (nextToken is not null && pages < this.options.MaxPagesPerRead);

        return new ConnectionLogRead(events, pages, Truncated: nextToken is not null);
    }
}
