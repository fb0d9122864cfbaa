namespace ClientVpnExporter.Otlp;

/// <summary>
/// Logs a collector outage once when it begins and once when it ends, never once per export: at a 10-second export
/// interval a down collector would otherwise write a line every ten seconds.
/// </summary>
internal sealed partial class ExportOutageLog
{
    private readonly ILogger logger;
    private readonly Uri endpoint;
    private readonly TimeSpan interval;
    private readonly Lock gate = new();
    private long failedInARow;

    public ExportOutageLog(ILogger logger, Uri endpoint, TimeSpan interval)
    {
        this.logger = logger;
        this.endpoint = endpoint;
        this.interval = interval;
    }

    public void Record(bool succeeded)
    {
        lock (this.gate)
        {
            if (!succeeded)
            {
                if (this.failedInARow++ == 0)
                {
                    this.LogOutage(this.endpoint, this.interval);
                }
            }
            else if (this.failedInARow > 0)
            {
                this.LogRecovered(this.endpoint, this.failedInARow);
                this.failedInARow = 0;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OTLP export to {Endpoint} failed; polling and /metrics go on, the push is retried every {Interval} and logged again when it succeeds.")]
    private partial void LogOutage(Uri endpoint, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "OTLP export to {Endpoint} succeeded again after {Failed} failed exports.")]
    private partial void LogRecovered(Uri endpoint, long failed);
}
