using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using ClientVpnExporter.Security;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Security;

/// <summary>Many clients guessing passwords at once against the real host, with real bcrypt.</summary>
[Collection(SerialTestGroup.Name)]
public class AuthenticationFloodTests
{
    private const string User = "prometheus";
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Metrics_SixteenClientsGuessingPasswords_BcryptStaysWithinItsSlotsAndTheScraperIsServedQuickly()
    {
        using var folder = new ScratchFolder();
        var webConfig = folder.Write("web-config.yml", $"""
            basic_auth_users:
              {User}: {BCrypt.Net.BCrypt.HashPassword(Password, workFactor: 10)}
            """);
        var bcrypt = new WatchedBcrypt();
        await using var exporter = await LockedDownExporter.StartAsync(
            webConfig, serverCertificate: null, builder => builder.Services.AddSingleton<Func<string, string, bool>>(bcrypt.Verify));
        using var client = exporter.Client();
        await RunningExporter.WaitUntilReadyAsync(client);

        // Prometheus has scraped before the flood starts: its password is remembered.
        using (var first = await ScrapeAsync(client, User, Password))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var refusals = new ConcurrentBag<HttpStatusCode>();
        using var flood = new CancellationTokenSource(TimeSpan.FromSeconds(4));
        var attackers = Enumerable.Range(0, 16).Select(attacker => Task.Run(async () =>
        {
            for (var guess = 0; !flood.IsCancellationRequested; guess++)
            {
                using var response = await ScrapeAsync(client, attacker % 2 == 0 ? User : "admin", $"guess-{attacker}-{guess}");
                refusals.Add(response.StatusCode);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        var scrapeTimes = new List<TimeSpan>();
        for (var scrape = 0; scrape < 5; scrape++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await ScrapeAsync(client, User, Password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            scrapeTimes.Add(Stopwatch.GetElapsedTime(started));
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        await Task.WhenAll(attackers);

        var slots = exporter.Services.GetRequiredService<BasicCredentialVerifier>().MaxConcurrentChecks;
        Assert.InRange(bcrypt.Peak, 1, slots);
        Assert.All(scrapeTimes, time => Assert.True(time < TimeSpan.FromSeconds(2), $"a scrape with the password took {time.TotalSeconds:F2} s during the flood"));
        Assert.Equal(refusals.Count, refusals.Count(s => s is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests));
        Assert.Contains(HttpStatusCode.TooManyRequests, refusals);

        // Past the scrape cache (300 ms), the counters show every refusal by its reason.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        using var last = await ScrapeAsync(client, User, Password);
        var samples = PrometheusText.Parse(await last.Content.ReadAsStringAsync());
        Assert.Equal(refusals.Count(s => s == HttpStatusCode.TooManyRequests), Failures(samples, "throttled"));
        Assert.Equal(refusals.Count(s => s == HttpStatusCode.Unauthorized), Failures(samples, "wrong"));
    }

    private static double Failures(List<Sample> samples, string reason) =>
        samples.Single(s => s.Name == "clientvpn_exporter_http_auth_failures_total" && s.Label("reason") == reason).Value;

    private static async Task<HttpResponseMessage> ScrapeAsync(HttpClient client, string user, string password)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = LockedDownExporter.Basic(user, password) } };
        return await client.SendAsync(request);
    }

    /// <summary>Real bcrypt, watching how many checks run at once.</summary>
    private sealed class WatchedBcrypt
    {
        private int running;
        private int peak;

        public int Peak => Volatile.Read(ref this.peak);

        public bool Verify(string password, string hash)
        {
            var now = Interlocked.Increment(ref this.running);
            for (var seen = this.Peak; now > seen && Interlocked.CompareExchange(ref this.peak, now, seen) != seen; seen = this.Peak)
            {
            }

            try
            {
                return BasicCredentialVerifier.Bcrypt(password, hash);
            }
            finally
            {
                Interlocked.Decrement(ref this.running);
            }
        }
    }
}
