using System.Threading.RateLimiting;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The token bucket every AWS request of one account and region goes through, retries included. Requests
/// wait in line for a token rather than fail, so a tight budget makes polls slower, never wrong.
/// </summary>
internal sealed class ApiBudget : IDisposable
{
    private readonly TokenBucketRateLimiter limiter;

    public ApiBudget(ApiBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Refill in small steps so that a rate of 5 per second is 1 token every 200 ms, not 5 at once.
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(options.RequestsPerSecond / 10));
        this.limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / options.RequestsPerSecond),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    /// <summary>Waits for a token; the lease must be disposed when the request is done.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) =>
        this.limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => this.limiter.Dispose();
}
