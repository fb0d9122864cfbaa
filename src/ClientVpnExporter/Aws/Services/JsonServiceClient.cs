using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The AWS JSON 1.1 protocol (ACM, Organizations, CloudWatch Logs): a POST to <c>/</c> with
/// <c>X-Amz-Target: {prefix}.{operation}</c> and an <c>application/x-amz-json-1.1</c> body; errors name their code in
/// <c>__type</c> (or the <c>x-amzn-ErrorType</c> header) and their text in <c>message</c> or <c>Message</c>. Request and
/// answer types are serialised with source-generated metadata (<see cref="ServiceJsonContext"/>), as Native AOT needs.
/// </summary>
internal sealed class JsonServiceClient
{
    public const string ContentType = "application/x-amz-json-1.1";

    private readonly SignedServiceClient client;
    private readonly string targetPrefix;

    public JsonServiceClient(SignedServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.targetPrefix = client.Service.JsonTargetPrefix
            ?? throw new ArgumentException($"{client.Service} does not use the JSON protocol.", nameof(client));
    }

    /// <summary>Calls <paramref name="operation"/> with <paramref name="request"/> and returns its answer.</summary>
    public Task<TResponse> CallAsync<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, requestType);
        return this.client.CallAsync(
            new ServiceRequest(operation, body, ContentType, this.targetPrefix + "." + operation),
            async (stream, ct) =>
            {
                try
                {
                    return await JsonSerializer.DeserializeAsync(stream, responseType, ct)
                        ?? throw new AmazonClientException($"{this.client.Service} {operation} answered null.");
                }
                catch (JsonException ex)
                {
                    throw new AmazonClientException($"{this.client.Service} {operation} answered JSON that could not be read: {ex.Message}", ex);
                }
            },
            ReadErrorAsync,
            cancellationToken);
    }

    /// <summary>The error of a JSON-protocol answer: its code, message and request id, or the HTTP status alone when the body says nothing.</summary>
    public static async Task<AwsServiceException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var (code, message) = ErrorOf(response, body);
        var requestId = response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        return new AwsServiceException(Describe(code, message, response.StatusCode), code ?? "", response.StatusCode, requestId);
    }

    /// <summary>The error code in an answer's <c>x-amzn-ErrorType</c> header or body, or null; for <see cref="BudgetedHttpHandler"/>.</summary>
    public static string? ErrorCodeOf(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ErrorOf(response, body).Code;
    }

    private static (string? Code, string? Message) ErrorOf(HttpResponseMessage response, ReadOnlySpan<byte> body)
    {
        var (code, message) = ErrorOf(body);
        if (code is null && response.Headers.TryGetValues("x-amzn-ErrorType", out var types))
        {
            code = types.FirstOrDefault();
        }

        return (Bare(code), message);
    }

    private static (string? Code, string? Message) ErrorOf(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? code = null;
            string? message = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                if (property.NameEquals("__type"))
                {
                    code = property.Value.GetString();
                }
                else if (property.NameEquals("message") || property.NameEquals("Message"))
                {
                    message ??= property.Value.GetString();
                }
            }

            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// The code alone: <c>com.amazon.coral.service#AccessDeniedException</c> and
    /// <c>AccessDeniedException:http://internal.amazon.com/coral/...</c> are both <c>AccessDeniedException</c>.
    /// </summary>
    private static string? Bare(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return hash >= 0 ? code[(hash + 1)..] : code;
    }

    private static string Describe(string? code, string? message, HttpStatusCode status) =>
        $"{code ?? "HTTP " + (int)status}: {message ?? "no message"}";
}
