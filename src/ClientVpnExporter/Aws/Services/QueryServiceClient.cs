using System.Text;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// The AWS query protocol (IAM): a form-encoded POST of <c>Action</c>, <c>Version</c> and the parameters, answered with
/// XML whose <c>{Action}Result</c> element holds the result; errors are
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c> (EC2's <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;</c> is read too).
/// Elements are matched by local name, so the service's XML namespace does not matter.
/// </summary>
internal sealed class QueryServiceClient
{
    public const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    private static readonly XmlReaderSettings Safe = new()
    {
        Async = true,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
    };

    private readonly SignedServiceClient client;
    private readonly string version;

    public QueryServiceClient(SignedServiceClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.client = client;
        this.version = client.Service.QueryApiVersion
            ?? throw new ArgumentException($"{client.Service} does not use the query protocol.", nameof(client));
    }

    /// <summary>
    /// Calls <paramref name="action"/> with <paramref name="parameters"/> and reads its <c>{Action}Result</c> element with
    /// <paramref name="readResult"/>, which may throw <see cref="FormatException"/> for a value it cannot read.
    /// </summary>
    public Task<T> CallAsync<T>(
        string action,
        IEnumerable<KeyValuePair<string, string>> parameters,
        Func<XElement, T> readResult,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(readResult);
        var body = Encoding.UTF8.GetBytes(FormBody(action, this.version, parameters));
        return this.client.CallAsync(
            new ServiceRequest(action, body, ContentType),
            async (stream, ct) =>
            {
                try
                {
                    var document = await LoadAsync(stream, ct);
                    var result = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result")
                        ?? throw new FormatException($"the answer has no {action}Result element");
                    return readResult(result);
                }
                catch (Exception ex) when (ex is XmlException or FormatException)
                {
                    throw new AmazonClientException($"{this.client.Service} {action} answered XML that could not be read: {ex.Message}", ex);
                }
            },
            ReadErrorAsync,
            cancellationToken);
    }

    /// <summary>The form body: <c>Action</c>, <c>Version</c>, then the parameters in order, each RFC 3986 encoded, as botocore sends them.</summary>
    public static string FormBody(string action, string version, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var pairs = new[] { KeyValuePair.Create("Action", action), KeyValuePair.Create("Version", version) }.Concat(parameters);
        return string.Join('&', pairs.Select(p => SigV4Signer.Encode(p.Key) + "=" + SigV4Signer.Encode(p.Value)));
    }

    /// <summary>The error of a query-protocol answer: its code, message and request id, or the HTTP status alone when the body says nothing.</summary>
    public static async Task<AwsServiceException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        string? code = null;
        string? message = null;
        string? requestId = null;
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                var document = await LoadAsync(stream, cancellationToken);
                var error = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                code = Child(error, "Code");
                message = Child(error, "Message");
                requestId = document.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestId" or "RequestID")?.Value;
            }
        }
        catch (XmlException)
        {
            // Not XML (a proxy's page, say): the status is all there is.
        }

        requestId ??= response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault() : null;
        return new AwsServiceException(
            $"{(string.IsNullOrEmpty(code) ? "HTTP " + (int)response.StatusCode : code)}: {message ?? "no message"}",
            code ?? "",
            response.StatusCode,
            requestId);
    }

    /// <summary>The text of <paramref name="element"/>'s child named <paramref name="localName"/>, or null.</summary>
    public static string? Child(XElement? element, string localName) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;

    private static async Task<XDocument> LoadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var reader = XmlReader.Create(stream, Safe);
        return await XDocument.LoadAsync(reader, LoadOptions.None, cancellationToken);
    }
}
