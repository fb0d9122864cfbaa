using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Tests;

public sealed class TrafficRatesTests
{
    [Fact]
    public void Draw_EveryProfile_StaysFarInsideTheExportersPlausibilityBound()
    {
        // The exporter rejects growth past 12.5 GB/s or 10 million packets/s per connection (README, "What the
        // exporter accepts from the API"); simulated traffic must stay well inside it, at any clock speed, since
        // the exporter measures elapsed time in the simulator's own timestamps.
        var random = new SeededRandom(7);
        for (var i = 0; i < 100_000; i++)
        {
            var rates = TrafficRates.Draw(random);
            var perSecond = rates.After(1000);

            Assert.InRange(perSecond.IngressBytes + perSecond.EgressBytes, 0UL, 12_500_000UL);
            Assert.InRange(perSecond.IngressPackets + perSecond.EgressPackets, 0UL, 10_000UL);
        }
    }
}
