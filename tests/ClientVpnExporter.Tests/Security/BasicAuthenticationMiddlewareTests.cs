using System.Diagnostics.Metrics;
using System.Text;
using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Which requests get through the basic-auth middleware, on a bare HttpContext.</summary>
public class BasicAuthenticationMiddlewareTests
{
    private static readonly string AliceHash = BCrypt.Net.BCrypt.HashPassword("alice-secret", workFactor: 4);

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer abc")]
    [InlineData("Basic")]
    [InlineData("Basic not-base64!")]
    [InlineData("Basic YWxpY2U=")] // "alice", no colon
    public async Task InvokeAsync_MissingOrMalformedCredentials_Returns401WithBasicChallenge(string? authorization)
    {
        var (status, reachedNext, challenge) = await InvokeAsync("/metrics", authorization);

        Assert.Equal(StatusCodes.Status401Unauthorized, status);
        Assert.False(reachedNext);
        Assert.StartsWith("Basic ", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("basic")]
    public async Task InvokeAsync_RightCredentials_PassWhateverTheSchemesCase(string scheme)
    {
        var (status, reachedNext, _) = await InvokeAsync("/metrics", $"{scheme} {Base64("alice:alice-secret")}");

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.True(reachedNext);
    }

    [Fact]
    public async Task InvokeAsync_PasswordWithColons_KeepsEverythingAfterTheFirstColon()
    {
        var hash = BCrypt.Net.BCrypt.HashPassword("p:a:ss", workFactor: 4);
        using var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["bob"] = hash }, BasicCredentialVerifier.Bcrypt);

        var (status, _, _) = await InvokeAsync("/metrics", $"Basic {Base64("bob:p:a:ss")}", verifier);

        Assert.Equal(StatusCodes.Status200OK, status);
    }

    [Theory]
    [InlineData("/healthz", true)]
    [InlineData("/readyz", true)]
    [InlineData("/READYZ", true)]
    [InlineData("/", false)]
    [InlineData("/metrics", false)]
    [InlineData("/healthzz", false)]
    [InlineData("/anything", false)]
    public async Task InvokeAsync_WithoutCredentials_OnlyHealthProbesPass(string path, bool passes)
    {
        var (_, reachedNext, _) = await InvokeAsync(path, authorization: null);

        Assert.Equal(passes, reachedNext);
    }

    [Fact]
    public async Task InvokeAsync_NoUsersConfigured_EverythingPasses()
    {
        using var open = new BasicCredentialVerifier(new Dictionary<string, string>(), BasicCredentialVerifier.Bcrypt);

        var (status, reachedNext, _) = await InvokeAsync("/metrics", authorization: null, open);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.True(reachedNext);
    }

    [Theory]
    [InlineData(null, "missing")]
    [InlineData("Bearer abc", "malformed")]
    [InlineData("Basic YWxpY2U=", "malformed")]
    [InlineData("Basic YWxpY2U6d3Jvbmc=", "wrong")] // alice:wrong
    [InlineData("Basic bWFsbG9yeTp3cm9uZw==", "wrong")] // mallory:wrong
    public async Task InvokeAsync_Refused_CountsTheReason(string? authorization, string reason)
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        using var failures = new MetricCollector<long>(meterFactory, ExporterMeter.Security, "clientvpn_exporter_http_auth_failures");

        using var metrics = new WebSecurityMetrics(meterFactory);
        await InvokeAsync("/metrics", authorization, metrics: metrics);

        var counted = Assert.Single(failures.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal(reason, counted.Tags["reason"]);
    }

    [Fact]
    public async Task InvokeAsync_EveryBcryptSlotTaken_Returns429WithRetryAfterWithoutChecking()
    {
        using var release = new ManualResetEventSlim();
        var calls = 0;
        using var verifier = new BasicCredentialVerifier(
            new Dictionary<string, string> { ["alice"] = AliceHash },
            (password, hash) =>
            {
                Interlocked.Increment(ref calls);
                release.Wait(TimeSpan.FromSeconds(30));
                return BasicCredentialVerifier.Bcrypt(password, hash);
            },
            maxConcurrentChecks: 1);
        var first = InvokeAsync("/metrics", $"Basic {Base64("alice:guess")}", verifier);
        while (Volatile.Read(ref calls) == 0)
        {
            await Task.Delay(5);
        }

        var (status, reachedNext, _, retryAfter) = await InvokeWithHeadersAsync("/metrics", $"Basic {Base64("alice:alice-secret")}", verifier);
        release.Set();

        Assert.Equal(StatusCodes.Status429TooManyRequests, status);
        Assert.False(reachedNext);
        Assert.Equal("1", retryAfter);
        Assert.Equal(1, Volatile.Read(ref calls));
        Assert.Equal(StatusCodes.Status401Unauthorized, (await first).Status);
    }

    private static async Task<(int Status, bool ReachedNext, string Challenge)> InvokeAsync(
        string path, string? authorization, BasicCredentialVerifier? verifier = null, WebSecurityMetrics? metrics = null)
    {
        var (status, reachedNext, challenge, _) = await InvokeWithHeadersAsync(path, authorization, verifier, metrics);
        return (status, reachedNext, challenge);
    }

    private static async Task<(int Status, bool ReachedNext, string Challenge, string RetryAfter)> InvokeWithHeadersAsync(
        string path, string? authorization, BasicCredentialVerifier? verifier = null, WebSecurityMetrics? metrics = null)
    {
        using var defaultVerifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var defaultMetrics = new WebSecurityMetrics(services.GetRequiredService<IMeterFactory>());
        var reachedNext = false;
        var middleware = new BasicAuthenticationMiddleware(_ => { reachedNext = true; return Task.CompletedTask; }, verifier ?? defaultVerifier, metrics ?? defaultMetrics);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        await middleware.InvokeAsync(context);
        var headers = context.Response.Headers;
        return (context.Response.StatusCode, reachedNext, headers.WWWAuthenticate.ToString(), headers.RetryAfter.ToString());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
