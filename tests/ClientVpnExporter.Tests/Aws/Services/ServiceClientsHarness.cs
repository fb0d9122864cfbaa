using System.Diagnostics.Metrics;
using Amazon.Runtime;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnExporter.Tests.Aws.Services;

/// <summary>
/// The exporter's own <see cref="AwsTargets"/> (budget, budgeted HTTP handler, metrics) for one role in one region, whose
/// ACM, IAM, Organizations and CloudWatch Logs URLs are a <see cref="FakeAwsService"/>, signing with session credentials, on a fake clock
/// that <see cref="RunAsync{T}"/> moves on while a call waits to retry.
/// </summary>
internal sealed class ServiceClientsHarness : IAsyncDisposable
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string SessionToken = "session-token-of-the-assumed-role";
    public const string Region = "eu-west-1";

    private readonly ServiceProvider services;
    private readonly AwsApiMetrics metrics;
    private readonly AwsTargets targets;

    private ServiceClientsHarness(FakeAwsService service, Action<ExporterOptions>? configure)
    {
        this.Service = service;
        this.services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = this.services.GetRequiredService<IMeterFactory>();
        this.metrics = new AwsApiMetrics(meterFactory);
        this.Requests = new(meterFactory, ExporterMeter.Aws, "clientvpn_exporter_api_requests");
        this.Retries = new(meterFactory, ExporterMeter.Aws, "clientvpn_exporter_api_retries");
        this.Throttles = new(meterFactory, ExporterMeter.Aws, "clientvpn_exporter_api_throttles");
        this.BudgetWaits = new(meterFactory, ExporterMeter.Aws, "clientvpn_exporter_budget_wait");
        var options = new ExporterOptions
        {
            Regions = [Region],
            AcmServiceUrl = service.Url.ToString(),
            IamServiceUrl = service.Url.ToString(),
            OrganizationsServiceUrl = service.Url.ToString(),
            LogsServiceUrl = service.Url.ToString(),
        };
        configure?.Invoke(options);
        this.targets = new AwsTargets(Options.Create(options), this.metrics, new ShardAssignment(1, 0), new SessionAWSCredentials(AccessKey, SecretKey, SessionToken), this.Clock);
    }

    public FakeAwsService Service { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public AwsTarget Target => Assert.Single(this.targets.Targets);

    public MetricCollector<long> Requests { get; }

    public MetricCollector<long> Retries { get; }

    public MetricCollector<long> Throttles { get; }

    public MetricCollector<double> BudgetWaits { get; }

    public static async Task<ServiceClientsHarness> StartAsync(Action<ExporterOptions>? configure = null) =>
        new(await FakeAwsService.StartAsync(SecretKey), configure);

    /// <summary>Awaits <paramref name="call"/>, moving the fake clock on by a second every 20 ms it is not done (retry delays).</summary>
    public async Task<T> RunAsync<T>(Task<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!call.IsCompleted && !timeout.IsCancellationRequested)
        {
            await Task.WhenAny(call, Task.Delay(20, CancellationToken.None));
            if (!call.IsCompleted)
            {
                this.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await call;
    }

    /// <summary>The calls counted in <c>clientvpn_exporter_api_requests_total</c>, as (operation, outcome, count).</summary>
    public List<(string Operation, string Outcome, long Count)> CountedCalls() =>
        [.. this.Requests.GetMeasurementSnapshot()
            .GroupBy(m => ((string)m.Tags["operation"]!, (string)m.Tags["outcome"]!))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Sum(m => m.Value)))];

    public static long Sum(MetricCollector<long> collector, string operation) =>
        collector.GetMeasurementSnapshot().Where(m => (string)m.Tags["operation"]! == operation).Sum(m => m.Value);

    public async ValueTask DisposeAsync()
    {
        this.targets.Dispose();
        this.Requests.Dispose();
        this.Retries.Dispose();
        this.Throttles.Dispose();
        this.BudgetWaits.Dispose();
        this.metrics.Dispose();
        await this.services.DisposeAsync();
        await this.Service.DisposeAsync();
    }
}
