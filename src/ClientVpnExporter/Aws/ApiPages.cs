namespace ClientVpnExporter.Aws;

/// <summary>Reads every page of a paginated AWS call, counting each page and the failure that ends it, if any.</summary>
internal static class ApiPages
{
    public static async Task ReadAllAsync<TPage>(
        IAsyncEnumerable<TPage> pages,
        Action<TPage> onPage,
        AwsApiMetrics metrics,
        AwsTarget target,
        string operation,
        CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                metrics.Request(target, operation, ApiOutcome.Success);
                onPage(page);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Request(target, operation, ApiOutcome.Of(ex));
            throw;
        }
    }
}
