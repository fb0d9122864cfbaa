using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Support;

/// <summary>An exporter started in the test process with <c>--urls=http://127.0.0.1:0</c>: where it listens, and when it is ready.</summary>
internal static class RunningExporter
{
    /// <summary>Where Kestrel listens, as Kestrel reports it (the port is chosen at start).</summary>
    public static Uri Address(WebApplication exporter) =>
        new(exporter.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Polls <c>/readyz</c> through <paramref name="client"/> until the first poll completed; fails after 30 s.</summary>
    public static async Task WaitUntilReadyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using (var response = await client.GetAsync("/readyz"))
            {
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, "The exporter did not become ready within 30 s.");
            await Task.Delay(50);
        }
    }
}
