using System.Runtime.InteropServices;
using ClientVpnSimulator.Hosting;

namespace ClientVpnSimulator;

/// <summary>Command-line entry point of the standalone simulator.</summary>
public static class Program
{
    /// <summary>Runs the simulator until it is stopped (Ctrl+C or SIGTERM).</summary>
    /// <returns>0 after a normal stop or for --help; 1 when the server cannot start; 2 for invalid options.</returns>
    public static async Task<int> Main(string[] args)
    {
        var parsed = CommandLine.Parse(args);
        if (parsed.ShowHelp)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync(error);
            }

            await Console.Error.WriteLineAsync("Run with --help for the options and their ranges.");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

        SimulatorServer server;
        try
        {
            server = await SimulatorServer.StartAsync(parsed.Options, parsed.Url, TimeProvider.System, consoleLogging: true, stop.Token);
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync($"Cannot listen on {parsed.Url}: {e.Message}");
            return 1;
        }

        await using (server)
        {
            var o = parsed.Options;
            Console.WriteLine($"Client VPN simulator listening on {server.BaseAddress}");
            Console.WriteLine(FormattableString.Invariant(
                $"  {o.Endpoints} endpoints x {o.ConnectionsPerEndpoint} connections, churn {o.ChurnPerHour}/h, seed {o.Seed}, clock x{o.ClockSpeed}{(o.StartPaused ? " (paused)" : string.Empty)}"));
            var accounts = server.Core.Accounts.Accounts;
            Console.WriteLine($"  accounts: {(accounts.Count <= 5 ? string.Join(", ", accounts) : $"{accounts.Count}, {accounts[0]} to {accounts[^1]}")} (unknown access keys act in {accounts[0]}, the management account)");
            Console.WriteLine($"  EC2, STS, IAM and ACM endpoint (ServiceURL): {server.BaseAddress}   control: {server.BaseAddress}sim/clock, {server.BaseAddress}sim/truth");
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Asked to stop.
            }
        }

        return 0;

        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }
    }
}
