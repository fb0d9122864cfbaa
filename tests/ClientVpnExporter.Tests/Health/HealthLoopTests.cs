using ClientVpnExporter.Configuration;
using ClientVpnExporter.Health;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NSubstitute;

namespace ClientVpnExporter.Tests.Health;

public sealed class HealthLoopTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HealthFakes fakes = new(new ExporterOptions { Regions = ["us-east-1"], HealthInterval = Interval });
    private readonly SemaphoreSlim published = new(0);
    private readonly HealthSubjects subjects = new();
    private readonly HealthLoop loop;

    public HealthLoopTests()
    {
        this.fakes.Publisher.When(p => p.Publish(Arg.Any<IReadOnlyDictionary<string, HealthReading>>())).Do(_ => this.published.Release());
        this.loop = new HealthLoop(this.subjects, this.fakes.Cycle, Options.Create(this.fakes.Options), this.fakes.Time, NullLogger<HealthLoop>.Instance);
    }

    [Fact]
    public async Task HealthLoop_FirstPollHandsOverItsEndpoints_ReadsAtOnceThenEveryHealthInterval()
    {
        await this.loop.StartAsync(CancellationToken.None);
        this.fakes.Time.Advance(Interval * 2);
        Assert.False(await this.published.WaitAsync(Quiet), "a cycle ran before the first poll handed over its endpoints");

        this.subjects.Update([this.fakes.Subject()]);
        Assert.True(await this.published.WaitAsync(Patience));
        this.fakes.Time.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(await this.published.WaitAsync(Quiet), "a cycle ran before the health interval had passed");
        this.fakes.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await this.published.WaitAsync(Patience));
        this.fakes.Time.Advance(Interval);
        Assert.True(await this.published.WaitAsync(Patience));

        Assert.Equal(3, this.fakes.Cycle.Completed);
        await this.loop.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task HealthLoop_CycleThrows_NextCycleRunsOnSchedule()
    {
        var calls = 0;
        this.fakes.Publisher.When(p => p.Publish(Arg.Any<IReadOnlyDictionary<string, HealthReading>>())).Do(_ =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                throw new InvalidOperationException("a bug in publishing");
            }
        });
        await this.loop.StartAsync(CancellationToken.None);
        this.subjects.Update([this.fakes.Subject()]);
        Assert.True(await this.published.WaitAsync(Patience));

        this.fakes.Time.Advance(Interval);

        Assert.True(await this.published.WaitAsync(Patience));
        Assert.Equal(2, this.fakes.Cycle.Completed);
        await this.loop.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        this.loop.Dispose();
        this.published.Dispose();
        this.fakes.Dispose();
    }
}
