using ClientVpnExporter.Polling;

namespace ClientVpnExporter.Tests.Polling;

public class PollHistoryTests
{
    [Fact]
    public void Latest_AfterMorePollsThanItKeeps_HoldsTheNewestCapacityNewestFirst()
    {
        var history = new PollHistory();
        var start = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < PollHistory.Capacity + 5; i++)
        {
            history.Add(new PollRecord(start.AddMinutes(i), TimeSpan.FromSeconds(1), "success", i, []));
        }

        var latest = history.Latest();

        Assert.Equal(PollHistory.Capacity, latest.Count);
        Assert.Equal(Enumerable.Range(5, PollHistory.Capacity).Reverse(), latest.Select(p => p.EndpointsRead));
    }
}
