using System.Threading.RateLimiting;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The token bucket every AWS request of one account and region goes through, retries included. Requests
/// wait in line for a token rather than fail, so a tight budget makes polls slower, never wrong.
/// </summary>
internal sealed class ApiBudget : IDisposable
{
    /// <summary>Extra tokens a throttled answer costs, so the whole account and region slows down while AWS throttles.</summary>
    public const int ThrottlePenalty = 5;

    private readonly TokenBucketRateLimiter limiter;
    private readonly int penalty;

    public ApiBudget(ApiBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Refill in small steps so that a rate of 5 per second is 1 token every 200 ms, not 5 at once.
        this.penalty = Math.Min(ThrottlePenalty, options.Burst);
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

    /// <summary>
    /// Takes <see cref="ThrottlePenalty"/> tokens in the background: they queue like any request, so the
    /// requests behind them wait longer. The caller does not wait.
    /// </summary>
    public void Penalize() => _ = this.TakePenaltyAsync();

    public void Dispose() => this.limiter.Dispose();

    private async Task TakePenaltyAsync()
    {
        try
        {
            using var lease = await this.limiter.AcquireAsync(this.penalty);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing left to slow.
        }
    }
}
