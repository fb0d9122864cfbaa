using System.Diagnostics;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Tests.Aws;

/// <summary>
/// The budget on the real clock: the limiter refilled by hand counts real elapsed time, so only lower bounds on waits
/// are asserted (a loaded machine makes them longer, never shorter).
/// </summary>
public class ApiBudgetTests
{
    // 10 per second with a burst of 5: one token every 100 ms.
    private static readonly ApiBudgetOptions TenPerSecond = new() { RequestsPerSecond = 10, Burst = 5 };

    [Fact]
    public async Task New_FullBucket_NeverWakes()
    {
        var time = new CountingTimeProvider();
        using var budget = new ApiBudget(TenPerSecond, time);

        await Task.Delay(300);

        Assert.False(budget.Refilling);
        Assert.Equal(0, time.Ticks);
    }

    [Fact]
    public async Task AcquireAsync_BucketEmptied_WaitsForARefill()
    {
        using var budget = new ApiBudget(TenPerSecond, new CountingTimeProvider());
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        using var next = await budget.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(next.IsAcquired);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(90), $"the sixth token came after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Refill_BucketFullAgain_StopsTheTimer()
    {
        var time = new CountingTimeProvider();
        using var budget = new ApiBudget(TenPerSecond, time);
        for (var i = 0; i < 3; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
        }

        Assert.True(budget.Refilling);
        var deadline = Stopwatch.StartNew();
        while (budget.Refilling && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.False(budget.Refilling);
        var ticks = time.Ticks;
        Assert.True(ticks > 0);
        await Task.Delay(500);
        Assert.Equal(ticks, time.Ticks);
    }

    [Fact]
    public async Task AcquireAsync_AfterTheBucketSatFull_RefillsAtTheRateNotAtOnce()
    {
        var time = new CountingTimeProvider();
        using var budget = new ApiBudget(TenPerSecond, time);
        using (await budget.AcquireAsync(CancellationToken.None))
        {
        }

        // Refilled and idle for a while: the time it sat full must not refill the next burst at once.
        while (budget.Refilling)
        {
            await Task.Delay(20);
        }

        await Task.Delay(600);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 5 + 3; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(lease.IsAcquired);
        }

        // Five at once, then three more at one token per 100 ms.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(270), $"eight tokens took {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Penalize_ThrottledAnswer_TakesFiveTokens()
    {
        using var budget = new ApiBudget(new ApiBudgetOptions { RequestsPerSecond = 0.2, Burst = 10 }, new CountingTimeProvider());

        budget.Penalize();
        for (var i = 0; i < 5; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        Assert.False(budget.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
    }

    /// <summary>The system's clock, counting how often the timers made from it fire.</summary>
    private sealed class CountingTimeProvider : TimeProvider
    {
        private int ticks;

        public int Ticks => Volatile.Read(ref this.ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            System.CreateTimer(
                s =>
                {
                    Interlocked.Increment(ref this.ticks);
                    callback(s);
                },
                state,
                dueTime,
                period);
    }
}
