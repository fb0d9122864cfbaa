using System.Text;
using ClientVpnExporter.Security;
using Microsoft.AspNetCore.Http;

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
        var verifier = new BasicCredentialVerifier(new Dictionary<string, string> { ["bob"] = hash }, BasicCredentialVerifier.Bcrypt);

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
        var open = new BasicCredentialVerifier(new Dictionary<string, string>(), BasicCredentialVerifier.Bcrypt);

        var (status, reachedNext, _) = await InvokeAsync("/metrics", authorization: null, open);

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.True(reachedNext);
    }

    private static async Task<(int Status, bool ReachedNext, string Challenge)> InvokeAsync(string path, string? authorization, BasicCredentialVerifier? verifier = null)
    {
        verifier ??= new BasicCredentialVerifier(new Dictionary<string, string> { ["alice"] = AliceHash }, BasicCredentialVerifier.Bcrypt);
        var reachedNext = false;
        var middleware = new BasicAuthenticationMiddleware(_ => { reachedNext = true; return Task.CompletedTask; }, verifier);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        await middleware.InvokeAsync(context);
        return (context.Response.StatusCode, reachedNext, context.Response.Headers.WWWAuthenticate.ToString());
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
