using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClientVpnExporter.EndToEnd.Tests.Live;

/// <summary>
/// The end of an Alertmanager route: a webhook on loopback that keeps every notification it is sent, so a test
/// sees what a pager or chat integration would receive, firing and resolved.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<JsonObject> notifications = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every notification received so far, oldest first.</summary>
    internal IReadOnlyList<JsonObject> Notifications => [.. this.notifications];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/alerts", async context =>
        {
            var body = await JsonNode.ParseAsync(context.Request.Body);
            receiver.notifications.Enqueue(body!.AsObject());
            context.Response.StatusCode = 200;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/alerts");
        return receiver;
    }

    /// <summary>Whether a notification with this status (firing or resolved) carried an alert of this name.</summary>
    public bool Received(string status, string alertName) =>
        this.notifications.Any(n => n["alerts"]!.AsArray().Any(a =>
            (string?)a!["status"] == status && (string?)a["labels"]!["alertname"] == alertName));

    public async ValueTask DisposeAsync()
    {
        await this.app.StopAsync();
        await this.app.DisposeAsync();
    }
}
