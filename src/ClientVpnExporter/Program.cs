using ClientVpnExporter.Configuration;
using ClientVpnExporter.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace ClientVpnExporter;

/// <summary>
/// Entry point: <c>clientvpn-exporter [--demo] [--check-config] [--help] [--urls URL] [--web.config.file=PATH] [--ClientVpn:Setting=value ...]</c>.
/// </summary>
public static class Program
{
    /// <summary>Validates the whole configuration, prints the verdict and exits, without polling or listening.</summary>
    public const string CheckConfigSwitch = CommandLineArguments.CheckConfigSwitch;

    /// <summary>Prints <see cref="Usage"/> and exits 0.</summary>
    public const string HelpSwitch = CommandLineArguments.HelpSwitch;

    /// <summary>What <see cref="HelpSwitch"/> prints: the switches, and where the settings are described.</summary>
    public const string Usage = $$"""
        Usage: clientvpn-exporter [{{DemoMode.Switch}}] [{{CheckConfigSwitch}}] [--KEY=VALUE | --KEY VALUE]...

          {{DemoMode.Switch}}           read the built-in Client VPN simulator instead of AWS
          {{CheckConfigSwitch}}   validate every setting and exit: 0 and "configuration is valid", or 1 and the problems
          {{HelpSwitch}}, -h       print this and exit

        Settings, such as --ClientVpn:Regions:0=eu-west-1, --ClientVpn:PollInterval=00:01:00, --urls=http://+:9926
        and --web.config.file=FILE, are described in the README's Configuration section. They can also be given in
        appsettings.json beside the binary or as environment variables (ClientVpn__Regions__0=eu-west-1).
        """;

    /// <summary>
    /// Runs the exporter until stopped (SIGTERM or Ctrl+C, then exits 0). Exits 1 when it cannot start: an unknown or
    /// invalid setting or argument, an address it cannot listen on; standard error then has one line per problem, each
    /// naming the setting, and never a stack trace. With <see cref="CheckConfigSwitch"/>: exits 0 after printing
    /// "configuration is valid", or 1 with the problems.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Diagnostics.NativeAllocator.ReturnLargeBuffers();
        try
        {
            return await RunAsync(args);
        }
        catch (Exception ex) when (Problems(ex) is { } problems)
        {
            foreach (var problem in problems)
            {
                await Console.Error.WriteLineAsync(OneLine(problem));
            }

            return 1;
        }
        catch (Exception ex)
        {
            // The last resort: whatever else stops startup is still one line.
            await Console.Error.WriteLineAsync("startup failed: " + OneLine(Messages(ex)));
            return 1;
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        var commandLine = CommandLineArguments.Parse(args);
        if (commandLine.Help)
        {
            Console.WriteLine(Usage);
            return 0;
        }

        var demo = commandLine.Demo ? await DemoMode.StartAsync() : null;
        await using (demo)
        {
            await using var app = ExporterHost.Build(commandLine.Settings, demo is null ? null : builder => demo.Configure(builder, commandLine.Settings));
            if (commandLine.CheckConfig)
            {
                // Build validated the exporter's own settings; this adds whatever else StartAsync would validate first,
                // without starting the poller or Kestrel.
                app.Services.GetRequiredService<IStartupValidator>().Validate();
                Console.WriteLine("configuration is valid");
                return 0;
            }

            try
            {
                await app.StartAsync();
            }
            catch (IOException ex)
            {
                // Kestrel's words name the address: "Failed to bind to address http://…: address already in use."
                throw new InvalidConfigurationException($"{WebHostDefaults.ServerUrlsKey}: {ex.Message}", ex);
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

    /// <summary>
    /// The problems of a configuration that cannot start: unknown or misshapen settings, the failures of every invalid
    /// options type (startup validation throws one exception per type, aggregated when several fail), or a value the
    /// binder cannot convert (its own words name the setting and the type it wanted).
    /// </summary>
    private static IReadOnlyList<string>? Problems(Exception exception) => exception switch
    {
        InvalidConfigurationException invalid => invalid.Problems,
        OptionsValidationException single => [.. single.Failures],
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            [.. inner.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        InvalidOperationException when exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [exception.Message],
        _ => null,
    };

    /// <summary>The exception's message and those of its causes, each once.</summary>
    private static string Messages(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (!message.Contains(inner.Message, StringComparison.Ordinal))
            {
                message += " " + inner.Message;
            }
        }

        return message;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
