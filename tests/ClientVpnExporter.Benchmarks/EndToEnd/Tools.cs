using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ClientVpnExporter.Benchmarks.Micro;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>Where the built simulator and exporter are: the Release output of their projects in this repository.</summary>
internal static class BuiltTools
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Simulator => Built("ClientVpnSimulator", "ClientVpnSimulator.dll");

    public static string Exporter => Built("ClientVpnExporter", "clientvpn-exporter.dll");

    private static string Built(string project, string assembly)
    {
        // This benchmark is built Release (docs/performance.md), and building it builds both projects the same way.
        var path = Path.Combine(RepositoryRoot, "src", project, "bin", "Release", "net10.0", assembly);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{path} is missing: run dotnet build tests/ClientVpnExporter.Benchmarks -c Release first.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Exporter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Exporter.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A loopback port nothing listens on right now.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>The simulator as a process of its own, with its clock paused at a fixed start.</summary>
internal sealed class SimulatorProcess : IDisposable
{
    private readonly ChildProcess process;
    private readonly HttpClient http;

    private SimulatorProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        this.BaseAddress = baseAddress;
        this.http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        this.Control = new SimulatorControl(this.http);
    }

    public Uri BaseAddress { get; }

    public SimulatorControl Control { get; }

    public int ProcessId => this.process.Id;

    public static async Task<SimulatorProcess> StartAsync(E2eOptions options, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var child = ChildProcess.StartDotnet("simulator", BuiltTools.Simulator,
        [
            "--urls", $"http://127.0.0.1:{port}",
            "--endpoints", options.Endpoints.ToString(CultureInfo.InvariantCulture),
            "--connections", options.Connections.ToString(CultureInfo.InvariantCulture),
            "--churn-per-hour", options.ChurnPerHour.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
            "--clock-speed", "1",
            "--start-time", "2026-03-01T12:00:00",
            "--start-paused",
        ], new Dictionary<string, string>());
        var simulator = new SimulatorProcess(child, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await Wait.UntilAsync(
                async () => !child.HasExited && await simulator.AnswersAsync("sim/clock", cancellationToken),
                TimeSpan.FromSeconds(60),
                () => $"The simulator did not start:\n{child.RecentOutput}",
                cancellationToken);
            return simulator;
        }
        catch
        {
            simulator.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        this.http.Dispose();
        this.process.Dispose();
    }

    private async Task<bool> AnswersAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await this.http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}

/// <summary>The exporter as a process of its own, reading the simulator.</summary>
internal sealed class ExporterProcess : IDisposable
{
    private readonly ChildProcess process;

    private ExporterProcess(ChildProcess process, Uri baseAddress)
    {
        this.process = process;
        this.Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(5) };
    }

    public HttpClient Http { get; }

    public int ProcessId => this.process.Id;

    public string RecentOutput => this.process.RecentOutput;

    public static ExporterProcess Start(ExporterBuild build, Uri simulator, Detail detail, TimeSpan pollInterval, E2eOptions options)
    {
        var port = FreePort.Next();
        var arguments = new List<string>
        {
            "--urls", $"http://127.0.0.1:{port}",
            $"--ClientVpn:ServiceUrl={simulator}",
            "--ClientVpn:Regions:0=us-east-1",
            $"--ClientVpn:PollInterval={pollInterval:c}",
            "--ClientVpn:ApiBudget:RequestsPerSecond=100",
            "--ClientVpn:ApiBudget:Burst=100",
            $"--ClientVpn:PerUserMetrics={detail == Detail.PerUser}",
            $"--ClientVpn:PerConnectionMetrics={detail == Detail.PerConnection}",
        };
        arguments.AddRange(options.ExporterArguments);
        var environment = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = "bench",
            ["AWS_SECRET_ACCESS_KEY"] = "bench",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in options.ExporterEnvironment)
        {
            environment[key] = value;
        }

        var child = ExporterBuilds.Start(build, options, arguments, environment);
        return new ExporterProcess(child, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Waits for <c>/readyz</c>, which answers 200 once the first poll completed.</summary>
    public Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        Wait.UntilAsync(
            async () =>
            {
                if (this.process.HasExited)
                {
                    throw new InvalidOperationException($"The exporter exited:\n{this.process.RecentOutput}");
                }

                try
                {
                    using var response = await this.Http.GetAsync(new Uri("readyz", UriKind.Relative), cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            timeout,
            () => $"The exporter was not ready within {timeout}:\n{this.process.RecentOutput}",
            cancellationToken);

    /// <summary>One <c>GET /metrics</c>, with gzip asked (as Prometheus asks) or not.</summary>
    public Task<MetricsScrape> ScrapeAsync(CancellationToken cancellationToken, bool gzip = false) => MetricsScrape.GetAsync(this.Http, gzip, cancellationToken);

    public void Dispose()
    {
        this.Http.Dispose();
        this.process.Dispose();
    }
}

internal static class Wait
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure, CancellationToken cancellationToken, int everyMilliseconds = 100)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure());
            }

            await Task.Delay(everyMilliseconds, cancellationToken);
        }
    }
}
