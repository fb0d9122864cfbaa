using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Aws;

/// <summary>Reads every page of a paginated AWS call, counting each page and the failure that ends it, if any.</summary>
internal static class ApiPages
{
    public static async Task ReadAllAsync<TPage>(
        IAsyncEnumerable<TPage> pages,
        Action<TPage> onPage,
        ExporterSelfMetrics selfMetrics,
        string operation,
        string region,
        string accountId,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                selfMetrics.ApiRequest(operation, region, accountId, ApiOutcome.Success);
                onPage(page);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            selfMetrics.ApiRequest(operation, region, accountId, ApiOutcome.Of(ex));
            throw;
        }
    }
}
