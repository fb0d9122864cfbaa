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
/// second between polls, the largest part of the idle process's CPU (docs/performance.md).
/// </remarks>
internal sealed class ApiBudget : IDisposable
{
    /// <summary>Extra tokens a throttled answer costs, so the whole account and region slows down while AWS throttles.</summary>
    public const int ThrottlePenalty = 5;

    private readonly TokenBucketRateLimiter limiter;
    private readonly int penalty;
    private readonly int tokenLimit;
    private readonly TimeSpan period;
    private readonly ITimer refill;
    private readonly Lock gate = new();
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
        this.limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = this.period,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,

            // Each TryReplenish adds TokensPerPeriod; the refill timer calls it once a period.
            AutoReplenishment = false,
        });
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
        }

        this.limiter.Dispose();
    }

    private ValueTask<RateLimitLease> Take(int tokens, CancellationToken cancellationToken)
    {
        // The tokens are taken (or the request queued) before the timer is started: the refill that finds the bucket
        // full and stops the timer either runs before the take, and the timer starts again here, or sees it.
        var lease = this.limiter.AcquireAsync(tokens, cancellationToken);
        this.StartRefilling();
        return lease;
    }

    private void StartRefilling()
    {
        lock (this.gate)
        {
            if (this.refilling || this.disposed)
            {
                return;
            }

            this.refilling = true;
            this.refill.Change(this.period, this.period);
        }
    }

    private void Refill()
    {
        this.limiter.TryReplenish();
        lock (this.gate)
        {
            if (!this.disposed && this.limiter.GetStatistics()?.CurrentAvailablePermits >= this.tokenLimit)
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
