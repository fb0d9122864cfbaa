using ClientVpnExporter.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter;

/// <summary>
/// Entry point: <c>clientvpn-exporter [--demo] [--check-config] [--urls URL] [--web.config.file=PATH] [--ClientVpn:Setting=value ...]</c>.
/// </summary>
public static class Program
{
    /// <summary>Validates the whole configuration, prints the verdict and exits, without polling or listening.</summary>
    public const string CheckConfigSwitch = "--check-config";

    /// <summary>
    /// Runs the exporter until stopped (SIGTERM or Ctrl+C, then exits 0); exits 1 when the configuration is invalid.
    /// With <see cref="CheckConfigSwitch"/>: exits 0 after printing "configuration is valid", or 1 with the reasons.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var demo = args.Contains(DemoMode.Switch, StringComparer.Ordinal) ? await DemoMode.StartAsync() : null;
        await using (demo)
        {
            var checkOnly = args.Contains(CheckConfigSwitch, StringComparer.Ordinal);
            var hostArgs = args.Where(a => a != DemoMode.Switch && a != CheckConfigSwitch).ToArray();
            WebApplication app;
            try
            {
                app = ExporterHost.Build(hostArgs, demo is null ? null : builder => demo.Configure(builder, hostArgs));
                if (checkOnly)
                {
                    // Build validated the exporter's own settings; this adds whatever else StartAsync would validate first,
                    // without starting the poller or Kestrel.
                    app.Services.GetRequiredService<IStartupValidator>().Validate();
                    await app.DisposeAsync();
                    Console.WriteLine("configuration is valid");
                    return 0;
                }

                await app.StartAsync();
            }
            catch (Exception ex) when (ValidationFailures(ex) is { } failures)
            {
                await Console.Error.WriteLineAsync("Invalid configuration:");
                foreach (var failure in failures)
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

    /// <summary>The failures of every invalid options type: startup validation throws one exception per type, aggregated when several fail.</summary>
    private static List<string>? ValidationFailures(Exception exception) => exception switch
    {
        OptionsValidationException single => [.. single.Failures],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };
}
