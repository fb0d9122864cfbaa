using System.Runtime.CompilerServices;
using Amazon.Runtime;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Gives the AWS SDK an HttpClient whose requests all go through the account and region's budget. There is one
/// HttpClient per factory, so one connection pool per account and region: the SDK asks this factory for a client
/// on every request when its own caching is off, and a new client per request would open (and leak) a new TCP
/// connection for each page.
/// </summary>
internal sealed class BudgetedHttpClientFactory(ApiBudget budget, AwsApiMetrics metrics, AwsTarget target, TimeSpan requestTimeout)
    : HttpClientFactory, IDisposable
{
    private readonly Lazy<HttpClient> client = new(() => Create(budget, metrics, target, requestTimeout));

    /// <summary>The one HttpClient of this account and region, for the EC2 SDK client and the service clients (<see cref="Services.AwsServiceClients"/>) alike.</summary>
    public HttpClient Client => this.client.Value;

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => this.client.Value;

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string GetConfigUniqueString(IClientConfig clientConfig) => $"budgeted:{target.Region}:{RuntimeHelpers.GetHashCode(budget)}";

    public void Dispose()
    {
        if (this.client.IsValueCreated)
        {
            this.client.Value.Dispose();
        }
    }

    private static HttpClient Create(ApiBudget budget, AwsApiMetrics metrics, AwsTarget target, TimeSpan requestTimeout)
    {
        var handler = new BudgetedHttpHandler(budget, metrics, target, requestTimeout)
        {
            InnerHandler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) },
        };

        // The handler times each request out after it got its budget; the client must not time out the wait.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
