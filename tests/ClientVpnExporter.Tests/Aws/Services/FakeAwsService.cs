using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using ClientVpnExporter.Aws.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientVpnExporter.Tests.Aws.Services;

/// <summary>
/// An AWS service on loopback Kestrel for the service clients' tests: it records every request as it arrived on the
/// wire, checks its SigV4 signature against the secret it is given (recomputed from what arrived, so a header the
/// HTTP stack changed after signing fails it), and answers from a script, one answer per request, the last repeated.
/// </summary>
internal sealed partial class FakeAwsService : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string secretKey;
    private readonly ConcurrentQueue<Answer> script = new();
    private Answer last = Answer.Json(200, "{}");

    private FakeAwsService(WebApplication app, string secretKey)
    {
        this.app = app;
        this.secretKey = secretKey;
    }

    public Uri Url { get; private set; } = null!;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static async Task<FakeAwsService> StartAsync(string secretKey)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var service = new FakeAwsService(app, secretKey);
        app.Run(service.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        service.Url = new Uri(address.TrimEnd('/') + "/");
        return service;
    }

    /// <summary>Answers the next requests with these, in order; the last one answers every request after them.</summary>
    public void Script(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            this.script.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        var request = new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            headers,
            Encoding.UTF8.GetString(body.ToArray()),
            this.SignatureProblem(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body.ToArray()));
        this.Requests.Enqueue(request);

        if (this.script.TryDequeue(out var answer))
        {
            this.last = answer;
        }
        else
        {
            answer = this.last;
        }

        context.Response.StatusCode = answer.Status;
        context.Response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsync(answer.Body);
    }

    /// <summary>Null when the request's signature is the one its secret gives for what arrived; else what is wrong.</summary>
    private string? SignatureProblem(string method, string pathAndQuery, Dictionary<string, string> headers, byte[] body)
    {
        if (!headers.TryGetValue("authorization", out var authorization))
        {
            return "no Authorization header";
        }

        var match = AuthorizationPattern().Match(authorization);
        if (!match.Success)
        {
            return "Authorization is not SigV4: " + authorization;
        }

        var scope = match.Groups["scope"].Value.Split('/');
        var signed = match.Groups["headers"].Value.Split(';');
        var missing = signed.Where(h => !headers.ContainsKey(h)).ToList();
        if (missing.Count > 0)
        {
            return "signed headers missing on the wire: " + string.Join(", ", missing);
        }

        var time = DateTimeOffset.ParseExact(headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        var canonical = SigV4Signer.CanonicalRequest(method, new Uri(this.Url, pathAndQuery), [.. signed.Select(h => (h, headers[h].Trim()))], body);
        var expected = SigV4Signer.Signature(this.secretKey, new SigningScope(scope[1], scope[2]), time, canonical);
        return expected == match.Groups["signature"].Value ? null : $"signature {match.Groups["signature"].Value}, expected {expected} for:\n{canonical}";
    }

    [GeneratedRegex("^AWS4-HMAC-SHA256 Credential=(?<key>[^/]+)/(?<scope>[^,]+), SignedHeaders=(?<headers>[^,]+), Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationPattern();
}

/// <summary>One request as <see cref="FakeAwsService"/> received it; <see cref="SignatureProblem"/> is null when its signature holds.</summary>
internal sealed record ReceivedRequest(string Method, string PathAndQuery, Dictionary<string, string> Headers, string Body, string? SignatureProblem)
{
    /// <summary>The credential scope of its Authorization header: <c>date/region/service/aws4_request</c>.</summary>
    public string Scope => this.Headers["authorization"].Split("Credential=")[1].Split(',')[0].Split('/', 2)[1];
}

/// <summary>One scripted answer of <see cref="FakeAwsService"/>.</summary>
internal sealed record Answer(int Status, string ContentType, string Body, Dictionary<string, string> Headers)
{
    public static Answer Json(int status, string body, params (string Name, string Value)[] headers) =>
        new(status, "application/x-amz-json-1.1", body, headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.Ordinal));

    public static Answer Xml(int status, string body) => new(status, "text/xml", body, []);
}
