using System.Runtime.CompilerServices;
using Amazon.Runtime;
using ClientVpnExporter.Metrics;

namespace ClientVpnExporter.Aws;

/// <summary>Gives the AWS SDK an HttpClient whose requests all go through the account and region's budget.</summary>
internal sealed class BudgetedHttpClientFactory(ApiBudget budget, ExporterSelfMetrics selfMetrics, string region, AccountLabel account, TimeSpan requestTimeout)
    : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        var handler = new BudgetedHttpHandler(budget, selfMetrics, region, account, requestTimeout)
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };

        // The handler times each request out after it got its budget; the client must not time out the wait.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => $"budgeted:{region}:{RuntimeHelpers.GetHashCode(budget)}";
}
