using System.Globalization;
using System.Net;
using ClientVpnExporter.Attempts;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Attempts;

/// <summary>
/// A model of one connection log in CloudWatch Logs for the property test: events become searchable at their ingestion
/// time, so late ones have timestamps older than events already served; FilterLogEvents answers those from its start
/// time, sorted by timestamp, <c>limit</c> at a time, with an opaque token; a fault can fail a chosen page of the next
/// read or repeat the last event of each page at the top of the next.
/// </summary>
internal sealed class ModelConnectionLog(TimeProvider clock) : IConnectionLogApi
{
    private readonly List<LogEvent> events = [];
    private int failOnPage;
    private int pagesServed;

    /// <summary>Every event written, searchable or not yet.</summary>
    public IReadOnlyList<LogEvent> Events => this.events;

    /// <summary>Repeat the last event of each page at the top of the next (CloudWatch Logs may answer an event twice).</summary>
    public bool RepeatAcrossPages { get; set; }

    public void Write(DateTimeOffset timestamp, TimeSpan ingestionDelay, string message) =>
        this.events.Add(new LogEvent("connections", timestamp, timestamp + ingestionDelay, message, $"event-{this.events.Count:D6}"));

    /// <summary>The next read fails on its <paramref name="page"/>-th page (1-based), and only that read.</summary>
    public void FailNextReadOnPage(int page)
    {
        this.failOnPage = page;
        this.pagesServed = 0;
    }

    public Task<LogEventsPage> FilterLogEventsAsync(AwsTarget target, LogEventsQuery query, string? nextToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (this.failOnPage > 0 && ++this.pagesServed == this.failOnPage)
        {
            this.failOnPage = 0;
            return Task.FromException<LogEventsPage>(new AwsServiceException("Rate exceeded", "ThrottlingException", HttpStatusCode.BadRequest, null));
        }

        var now = clock.GetUtcNow();
        var searchable = this.events
            .Where(e => e.IngestionTime <= now && e.Timestamp >= query.StartTime)
            .OrderBy(e => e.Timestamp)
            .ThenBy(e => e.EventId, StringComparer.Ordinal)
            .ToList();
        var offset = nextToken is null ? 0 : int.Parse(nextToken, CultureInfo.InvariantCulture);
        var limit = query.Limit ?? 10_000;
        var page = searchable.Skip(offset).Take(limit).ToList();
        if (this.RepeatAcrossPages && offset > 0)
        {
            page.Insert(0, searchable[offset - 1]);
        }

        var next = offset + limit < searchable.Count ? (offset + limit).ToString(CultureInfo.InvariantCulture) : null;
        return Task.FromResult(new LogEventsPage(page, next));
    }
}
