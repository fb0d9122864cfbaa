using ClientVpnSimulator.Clock;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnSimulator.Tests;

public sealed class SimulationClockTests
{
    private const long Start = 1_772_366_400_000; // 2026-03-01T12:00:00Z

    [Fact]
    public void NowMs_Running_ScalesRealTimeBySpeed()
    {
        var time = new FakeTimeProvider();
        var clock = new SimulationClock(time, Start, speed: 60, startPaused: false);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Start + 600_000, clock.NowMs);
    }

    [Fact]
    public void Pause_FreezesNowExactly_AndResumeContinuesFromThere()
    {
        var time = new FakeTimeProvider();
        var clock = new SimulationClock(time, Start, speed: 2, startPaused: false);
        time.Advance(TimeSpan.FromMilliseconds(1500));

        clock.Pause();
        time.Advance(TimeSpan.FromHours(1));
        var frozen = clock.NowMs;
        clock.Resume();
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Start + 3000, frozen);
        Assert.Equal(Start + 5000, clock.NowMs);
    }

    [Fact]
    public void Advance_PausedOrRunning_AddsExactlyThatMuch()
    {
        var time = new FakeTimeProvider();
        var paused = new SimulationClock(time, Start, speed: 1, startPaused: true);
        var running = new SimulationClock(time, Start, speed: 1, startPaused: false);

        paused.Advance(3600.25);
        running.Advance(10);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(Start + 3_600_250, paused.NowMs);
        Assert.Equal(Start + 11_000, running.NowMs);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Advance_InvalidSeconds_Throws(double seconds)
    {
        var clock = new SimulationClock(new FakeTimeProvider(), Start, speed: 1, startPaused: true);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(seconds));
    }

    [Fact]
    public void ToEc2String_FormatsUtcWholeSeconds()
    {
        Assert.Equal("2026-03-01 12:00:00", SimulatedTime.ToEc2String(Start + 999));
    }
}
