using System.Threading.RateLimiting;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The token bucket every AWS request of one account and region goes through, retries included. Requests
/// wait in line for a token rather than fail, so a tight budget makes polls slower, never wrong.
/// </summary>
/// <remarks>
/// The bucket is refilled by a timer of its own that runs only while the bucket is not full. The limiter's own
/// automatic refill ticks every period for the life of the process, a full bucket included: 5 to 10 wake-ups a
/// second between polls, the largest part of the idle process's CPU (docs/performance.md). Refilled by hand, the
/// limiter adds tokens for the time since its last refill; a bucket that was full is therefore replaced by a new, full
/// one when tokens are next taken, so that the time it sat full is not counted again.
/// </remarks>
internal sealed class ApiBudget : IDisposable
{
    /// <summary>Extra tokens a throttled answer costs, so the whole account and region slows down while AWS throttles.</summary>
    public const int ThrottlePenalty = 5;

    private readonly TokenBucketRateLimiterOptions limiterOptions;
    private readonly int penalty;
    private readonly int tokenLimit;
    private readonly TimeSpan period;
    private readonly ITimer refill;
    private readonly Lock gate = new();
    private TokenBucketRateLimiter limiter;
    private bool refilling;
    private bool disposed;

    /// <param name="options">The budget's rate and burst.</param>
    /// <param name="timeProvider">The refill timer's clock; the system's unless a test gives another.</param>
    public ApiBudget(ApiBudgetOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Refill in small steps so that a rate of 5 per second is 1 token every 200 ms, not 5 at once.
        this.penalty = Math.Min(ThrottlePenalty, options.Burst);
        this.tokenLimit = options.Burst;
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(options.RequestsPerSecond / 10));
        this.period = TimeSpan.FromSeconds(tokensPerPeriod / options.RequestsPerSecond);
        this.limiterOptions = new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = this.period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,

            // TryReplenish adds the tokens of the time since the last refill; the refill timer calls it once a period.
            AutoReplenishment = false,
        };
        this.limiter = new TokenBucketRateLimiter(this.limiterOptions);
        this.refill = (timeProvider ?? TimeProvider.System).CreateTimer(_ => this.Refill(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True while the refill timer runs: from the first token taken until the bucket is full again.</summary>
    public bool Refilling
    {
        get
        {
            lock (this.gate)
            {
                return this.refilling;
            }
        }
    }

    /// <summary>Waits for a token; the lease must be disposed when the request is done.</summary>
    public ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) => this.Take(1, cancellationToken);

    /// <summary>
    /// Takes <see cref="ThrottlePenalty"/> tokens in the background: they queue like any request, so the
    /// requests behind them wait longer. The caller does not wait.
    /// </summary>
    public void Penalize() => _ = this.TakePenaltyAsync();

    public void Dispose()
    {
        lock (this.gate)
        {
            this.disposed = true;
            this.refill.Dispose();
            this.limiter.Dispose();
        }
    }

    private ValueTask<RateLimitLease> Take(int tokens, CancellationToken cancellationToken)
    {
        // Under the lock, as the refill runs: acquiring never blocks (a request without a token is queued, and its
        // lease completes asynchronously when a refill reaches it).
        lock (this.gate)
        {
            if (!this.refilling && !this.disposed)
            {
                // Full since the refill stopped: a new bucket, full, whose refill counts from now.
                this.limiter.Dispose();
                this.limiter = new TokenBucketRateLimiter(this.limiterOptions);
                this.refilling = true;
                this.refill.Change(this.period, this.period);
            }

            return this.limiter.AcquireAsync(tokens, cancellationToken);
        }
    }

    private void Refill()
    {
        lock (this.gate)
        {
            if (this.disposed)
            {
                return;
            }

            this.limiter.TryReplenish();
            if (this.limiter.GetStatistics()?.CurrentAvailablePermits >= this.tokenLimit)
            {
                this.refilling = false;
                this.refill.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private async Task TakePenaltyAsync()
    {
        try
        {
            using var lease = await this.Take(this.penalty, CancellationToken.None);
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: nothing left to slow.
        }
    }
}
