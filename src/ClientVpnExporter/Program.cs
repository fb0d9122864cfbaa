using ClientVpnExporter.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter;

/// <summary>Entry point: <c>clientvpn-exporter [--demo] [--urls URL] [--ClientVpn:Setting=value ...]</c>.</summary>
public static class Program
{
    /// <summary>Runs the exporter until stopped; exits 1 when the configuration is invalid.</summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Contains(DemoMode.Switch, StringComparer.Ordinal) ? await DemoMode.StartAsync() : null;
        await using (demo)
        {
            var hostArgs = args.Where(a => a != DemoMode.Switch).ToArray();
            WebApplication app;
            try
            {
                app = ExporterHost.Build(hostArgs, demo is null ? null : builder => demo.Configure(builder, hostArgs));
                await app.StartAsync();
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync("Invalid configuration:");
                foreach (var failure in ex.Failures)
                {
                    await Console.Error.WriteLineAsync("  - " + failure);
                }

                return 1;
            }
            catch (InvalidOperationException ex) when (ex.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
            {
                // The configuration binder's own words name the setting and the type it wanted.
                await Console.Error.WriteLineAsync("Invalid configuration:");
                await Console.Error.WriteLineAsync("  - " + ex.Message);
                return 1;
            }

            if (demo is not null)
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
                Console.WriteLine($"""
                    Demo: the exporter reads the built-in Client VPN simulator.
                      Metrics:      {address}/metrics
                      Readiness:    {address}/readyz
                      Simulator:    {demo.Simulator.BaseAddress}sim/truth (ground truth), {demo.Simulator.BaseAddress}sim/clock
                    Press Ctrl+C to stop.
                    """);
            }

            await app.WaitForShutdownAsync();
            return 0;
        }
    }
}
