using System.Globalization;
using System.Net.Http.Headers;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// Sends one service's calls for one target: each attempt signed afresh (<see cref="SigV4Signer"/>) with the target's
/// current credentials, through the target's budgeted HTTP client (<see cref="BudgetedHttpHandler"/> waits for the
/// <see cref="ApiBudget"/> and counts retries and throttles), retried as <see cref="StandardRetry"/> says with delays
/// from <see cref="TimeProvider"/>. Each call, after its retries, is reported once to the observer the target gave
/// (which counts it in <c>clientvpn_exporter_api_requests_total</c> with its outcome): callers do not count it again.
/// This namespace knows nothing of targets or metrics; <see cref="AwsTarget"/> wires it to them.
/// </summary>
internal sealed class SignedServiceClient
{
    private readonly HttpClient http;
    private readonly Func<CancellationToken, Task<ImmutableCredentials>> credentials;
    private readonly Action<string, Exception?> completed;
    private readonly TimeProvider timeProvider;
    private readonly Func<double> random;

    /// <param name="service">The service called.</param>
    /// <param name="endpoint">Where its calls go and the region they are signed for.</param>
    /// <param name="http">The target's budgeted HTTP client (<see cref="BudgetedHttpClientFactory.Client"/>).</param>
    /// <param name="credentials">The target's credentials, asked before every attempt (the SDK caches and renews them).</param>
    /// <param name="completed">Told of each call once its retries are over: the operation, and the failure or null.</param>
    /// <param name="timeProvider">The clock of the signatures and of the retry delays.</param>
    /// <param name="random">The jitter of the retry delays, in [0, 1); <see cref="Random.Shared"/> when null.</param>
    public SignedServiceClient(
        AwsService service,
        ServiceEndpoint endpoint,
        HttpClient http,
        Func<CancellationToken, Task<ImmutableCredentials>> credentials,
        Action<string, Exception?> completed,
        TimeProvider timeProvider,
        Func<double>? random = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(endpoint);
        this.Service = service;
        this.Endpoint = endpoint;
        this.http = http;
        this.credentials = credentials;
        this.completed = completed;
        this.timeProvider = timeProvider;
        this.random = random ?? Random.Shared.NextDouble;
        this.Scope = new SigningScope(endpoint.SigningRegion, service.SigningName);
    }

    public AwsService Service { get; }

    public ServiceEndpoint Endpoint { get; }

    public SigningScope Scope { get; }

    /// <summary>
    /// Calls <paramref name="request"/> until it succeeds or fails finally, and reads the successful answer with
    /// <paramref name="readAnswer"/>; an error answer becomes the <see cref="AwsServiceException"/> <paramref name="readError"/>
    /// makes of it. An answer that cannot be read throws <see cref="AmazonClientException"/> (outcome <c>client_error</c>); a cancelled call is not reported.
    /// </summary>
    public async Task<T> CallAsync<T>(
        ServiceRequest request,
        Func<Stream, CancellationToken, Task<T>> readAnswer,
        Func<HttpResponseMessage, CancellationToken, Task<AwsServiceException>> readError,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(readAnswer);
        ArgumentNullException.ThrowIfNull(readError);
        try
        {
            var answer = await this.AttemptAsync(request, readAnswer, readError, cancellationToken);
            this.completed(request.Operation, null);
            return answer;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            this.completed(request.Operation, ex);
            throw;
        }
    }

    private async Task<T> AttemptAsync<T>(
        ServiceRequest request,
        Func<Stream, CancellationToken, Task<T>> readAnswer,
        Func<HttpResponseMessage, CancellationToken, Task<AwsServiceException>> readError,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = await this.SignedMessageAsync(request, attempt, cancellationToken);
                using var response = await this.http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    throw await readError(response, cancellationToken);
                }

                var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                await using (stream)
                {
                    return await readAnswer(stream, cancellationToken);
                }
            }
            catch (Exception ex) when (attempt < StandardRetry.MaxAttempts && StandardRetry.IsRetryable(ex) && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(StandardRetry.Backoff(attempt, this.random()), this.timeProvider, cancellationToken);
            }
        }
    }

    private async Task<HttpRequestMessage> SignedMessageAsync(ServiceRequest request, int attempt, CancellationToken cancellationToken)
    {
        var credentials = await this.credentials(cancellationToken);
        var message = new HttpRequestMessage(HttpMethod.Post, this.Endpoint.Url)
        {
            Content = new ByteArrayContent(request.Body),
        };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
        if (request.AmzTarget is { } amzTarget)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Target", amzTarget);
        }

        // The SDKs' attempt header: BudgetedHttpHandler counts an attempt after the first as a retry. It is not signed.
        message.Headers.TryAddWithoutValidation("amz-sdk-request", string.Create(CultureInfo.InvariantCulture, $"attempt={attempt}; max={StandardRetry.MaxAttempts}"));
        SigV4Signer.Sign(message, request.Body, credentials, this.Scope, this.timeProvider.GetUtcNow());
        return message;
    }
}
