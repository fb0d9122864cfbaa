using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Persistence;

namespace ClientVpnExporter.Polling;

/// <summary>
/// How one endpoint's reads are going: whether the last one succeeded, since when it has been failing and with
/// which code (logged when it changes, not on every poll), which fields failed to parse (logged once until they parse
/// everywhere again), and how many successful discoveries in a row have not listed it.
/// </summary>
internal sealed partial class EndpointHealth(string endpointId, ILogger<EndpointHealth> logger)
{
    private readonly HashSet<ConnectionField> fieldsInError = [];

    /// <summary>Whether the last read of the endpoint read every page; false until the first one does.</summary>
    public bool Up { get; private set; }

    /// <summary>When the last read that succeeded completed; null until one did.</summary>
    public DateTimeOffset? LastSuccess { get; private set; }

    /// <summary>The error code of the current run of failures; null while reads succeed.</summary>
    public string? FailureCode { get; private set; }

    /// <summary>How many successful discoveries in a row have not listed the endpoint (or listed it as deleted).</summary>
    public int MissedDiscoveries { get; private set; }

    /// <summary>
    /// Whether discovery has stopped listing the endpoint long enough for it to be taken as gone. One answer is never proof:
    /// a read failure, <c>InvalidClientVpnEndpointId.NotFound</c> included, only marks it down.
    /// </summary>
    public bool IsGone => this.MissedDiscoveries >= EndpointRecord.DiscoveriesMissedBeforeRemoved;

    /// <summary>
    /// Whether the endpoint has been failing for longer than <paramref name="staleAfter"/> (or has never been read): its gauges
    /// are then no longer exported, since they would pretend to be current.
    /// </summary>
    public bool IsStale(DateTimeOffset now, TimeSpan staleAfter) =>
        !this.Up && (this.LastSuccess is not { } lastSuccess || now - lastSuccess > staleAfter);

    /// <summary>A read read every page at <paramref name="now"/>; <paramref name="parseErrors"/> are the fields of it that did not parse.</summary>
    public void Succeeded(DateTimeOffset now, IReadOnlyList<ParseError> parseErrors)
    {
        ArgumentNullException.ThrowIfNull(parseErrors);
        this.LogParseErrors(parseErrors);
        if (this.FailureCode is not null)
        {
            this.LogRecovered(endpointId);
            this.FailureCode = null;
        }

        this.Up = true;
        this.LastSuccess = now;
    }

    /// <summary>A read gave up with <paramref name="failure"/>; logged only when its code differs from the last failure's.</summary>
    public void Failed(Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var code = ApiOutcome.Of(failure);
        if (this.FailureCode != code)
        {
            this.LogFailed(endpointId, code, failure.Message);
            this.FailureCode = code;
        }

        this.Up = false;
    }

    /// <summary>A successful discovery of the endpoint's target listed it (<paramref name="listed"/>) or not.</summary>
    public void Discovered(bool listed) => this.MissedDiscoveries = listed ? 0 : this.MissedDiscoveries + 1;

    /// <summary>Takes the missed discoveries saved in the state file.</summary>
    public void Restore(int missedDiscoveries) => this.MissedDiscoveries = missedDiscoveries;

    private void LogParseErrors(IReadOnlyList<ParseError> errors)
    {
        var fieldsNow = new HashSet<ConnectionField>();
        foreach (var error in errors)
        {
            if (fieldsNow.Add(error.Field) && this.fieldsInError.Add(error.Field))
            {
                this.LogParseError(endpointId, ConnectionFieldNames.Of(error.Field), error.Value);
            }
        }

        // A field logs again only after a read in which it parsed everywhere.
        this.fieldsInError.IntersectWith(fieldsNow);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading connections of {EndpointId} failed ({ErrorCode}): {Reason}. Serving its last complete reading, marked down.")]
    private partial void LogFailed(LogText endpointId, LogText errorCode, LogText reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reading connections of {EndpointId} works again.")]
    private partial void LogRecovered(LogText endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connections of {EndpointId} have a malformed {Field} (e.g. '{Value}'); that field keeps its last good value and the rest of each connection still counts. Counted in clientvpn_exporter_parse_errors_total.")]
    private partial void LogParseError(LogText endpointId, string field, LogText value);
}
