using System.Diagnostics;
using System.Net;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Sits under the AWS SDK, so it sees every HTTP attempt the SDK makes, retries included: each waits for the
/// account and region's <see cref="ApiBudget"/>, then gets its own timeout (so time spent waiting for budget
/// never counts against the request, and the whole answer, body included, must arrive within it), and throttled
/// answers and retries are counted. The service clients without an SDK (<see cref="SignedServiceClient"/>) go through it
/// too: their JSON answers are throttled when their error code is one of <see cref="AwsErrorCodes.IsThrottling"/>.
/// </summary>
internal sealed class BudgetedHttpHandler(ApiBudget budget, AwsApiMetrics metrics, AwsTarget target, TimeSpan requestTimeout)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var operation = await OperationOf(request, cancellationToken);
        var waitStarted = Stopwatch.GetTimestamp();
        using var lease = await budget.AcquireAsync(cancellationToken);
        metrics.BudgetWait(target, Stopwatch.GetElapsedTime(waitStarted));

        if (IsRetry(request))
        {
            metrics.Retry(target, operation);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(requestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, timeout.Token);
            await BufferAsync(response, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            AttemptObserver.Current?.AttemptFailed();
            throw new TimeoutException($"The {operation} request got no answer within {requestTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException)
        {
            AttemptObserver.Current?.AttemptFailed();
            throw;
        }

        ConnectionPageCapture.Current?.OnAnswer(operation, response);
        var throttled = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadRequest or HttpStatusCode.TooManyRequests
            && await IsThrottledAsync(response, cancellationToken);
        if (throttled)
        {
            metrics.Throttle(target, operation);
            budget.Penalize();
        }

        if (throttled || (int)response.StatusCode >= 500)
        {
            AttemptObserver.Current?.AttemptFailed();
        }
        else if (response.IsSuccessStatusCode)
        {
            AttemptObserver.Current?.AttemptSucceeded();
        }

        return response;
    }

    private static async Task BufferAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The SDK parses the XML straight off the stream with synchronous reads, which would block a pool thread
        // on the network for every chunk of a megabyte page; read it here, asynchronously and within the
        // request's timeout, into a pooled buffer.
        try
        {
            var original = response.Content;
            response.Content = await PooledContent.ReadAsync(original, cancellationToken);
            original.Dispose();
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private static async Task<string> OperationOf(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The JSON protocol names the operation in X-Amz-Target (CertificateManager.DescribeCertificate).
        if (request.Headers.TryGetValues("X-Amz-Target", out var targets) && targets.FirstOrDefault() is { } target)
        {
            return target[(target.LastIndexOf('.') + 1)..];
        }

        // EC2, STS and IAM use the Query protocol: the operation is the form body's Action.
        if (request.Content is null)
        {
            return "unknown";
        }

        var body = await request.Content.ReadAsStringAsync(cancellationToken);
        foreach (var pair in body.Split('&'))
        {
            if (pair.StartsWith("Action=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["Action=".Length..]);
            }
        }

        return "unknown";
    }

    private static bool IsRetry(HttpRequestMessage request) =>
        request.Headers.TryGetValues("amz-sdk-request", out var values)
        && values.Any(v => v.Contains("attempt=", StringComparison.Ordinal) && !v.Contains("attempt=1;", StringComparison.Ordinal) && !v.EndsWith("attempt=1", StringComparison.Ordinal));

    private static async Task<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The body is in memory (BufferAsync), so the SDK can still read it after us.
        var isJson = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true
            || response.Headers.Contains("x-amzn-ErrorType");
        if (isJson)
        {
            return AwsErrorCodes.IsThrottling(JsonServiceClient.ErrorCodeOf(response, await response.Content.ReadAsByteArrayAsync(cancellationToken)));
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("<Code>RequestLimitExceeded</Code>", StringComparison.Ordinal)
            || body.Contains("<Code>Throttling</Code>", StringComparison.Ordinal);
    }
}
