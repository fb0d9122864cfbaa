using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnExporter.Tests.Aws;

public class ApiBudgetTests
{
    // 5 per second with a burst of 10: one token every 200 ms.
    private static readonly ApiBudgetOptions FivePerSecond = new() { RequestsPerSecond = 5, Burst = 10 };

    [Fact]
    public void New_FullBucket_NeverWakes()
    {
        var time = new CountingTimeProvider();
        using var budget = new ApiBudget(FivePerSecond, time);

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.False(budget.Refilling);
        Assert.Equal(0, time.Ticks);
    }

    [Fact]
    public async Task AcquireAsync_BucketEmptied_WaitsOneRefillPeriodPerToken()
    {
        var time = new FakeTimeProvider();
        using var budget = new ApiBudget(FivePerSecond, time);
        for (var i = 0; i < 10; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        var waiting = budget.AcquireAsync(CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(199));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        using var next = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(next.IsAcquired);
        Assert.True(budget.Refilling);
    }

    [Fact]
    public async Task Refill_BucketFullAgain_StopsTheTimer()
    {
        var time = new CountingTimeProvider();
        using var budget = new ApiBudget(FivePerSecond, time);
        for (var i = 0; i < 3; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
        }

        // Three tokens taken: three refill periods bring the bucket back to its burst, and then nothing ticks.
        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(budget.Refilling);
        time.Advance(TimeSpan.FromMilliseconds(200));
        Assert.False(budget.Refilling);
        Assert.Equal(3, time.Ticks);
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(3, time.Ticks);

        // The bucket holds its burst again, and no more: ten at once, and the eleventh waits.
        for (var i = 0; i < 10; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        Assert.False(budget.AcquireAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task Penalize_ThrottledAnswer_TakesFiveTokensAndRefillsThem()
    {
        var time = new FakeTimeProvider();
        using var budget = new ApiBudget(FivePerSecond, time);

        budget.Penalize();
        Assert.True(budget.Refilling);
        for (var i = 0; i < 5; i++)
        {
            using var lease = await budget.AcquireAsync(CancellationToken.None);
            Assert.True(lease.IsAcquired);
        }

        Assert.False(budget.AcquireAsync(CancellationToken.None).IsCompleted);
    }

    /// <summary>A fake clock that counts how often its timers fire.</summary>
    private sealed class CountingTimeProvider : FakeTimeProvider
    {
        private int ticks;

        public int Ticks => this.ticks;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(
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
