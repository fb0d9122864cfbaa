using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Aws;

/// <summary>Runs <see cref="OrganizationRefresh"/> in the background with <c>Organization:Enabled</c>: at start, then on its interval.</summary>
internal sealed partial class OrganizationRefreshService(
    IServiceProvider services,
    IOptions<ExporterOptions> options,
    TimeProvider timeProvider,
    ILogger<OrganizationRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Organization.Enabled)
        {
            return;
        }

        // Made here, as the poller is: the host enables its meters only after making the hosted services.
        var refresh = services.GetRequiredService<OrganizationRefresh>();
        try
        {
            while (true)
            {
                bool succeeded;
                try
                {
                    succeeded = await refresh.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A refresh isolates AWS failures itself; reaching here is a bug, and the last list stays.
                    this.LogRefreshFailed(ex);
                    succeeded = false;
                }

                await Task.Delay(refresh.DelayAfter(succeeded), timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A refresh of the organisation failed unexpectedly; the last list of accounts stays and the next refresh runs on schedule.")]
    private partial void LogRefreshFailed(Exception exception);
}
