using System.Globalization;
using System.Text.Json;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>What <c>/sim/truth</c> says: EC2 requests received per action, and connections listed per endpoint.</summary>
internal sealed record SimulatorTruth(DateTimeOffset Now, IReadOnlyDictionary<string, long> Requests, IReadOnlyList<int> ListedPerEndpoint)
{
    public const string DescribeEndpoints = "DescribeClientVpnEndpoints";
    public const string DescribeConnections = "DescribeClientVpnConnections";

    public long Listed => this.ListedPerEndpoint.Sum(n => (long)n);

    public long RequestsOf(string action) => this.Requests.GetValueOrDefault(action);

    /// <summary>True for the actions a connections poll makes: discovery and the connection pages.</summary>
    public static bool IsPollAction(string action) => action is DescribeEndpoints or DescribeConnections;

    /// <summary>The requests of each action received since <paramref name="earlier"/>, actions with none left out.</summary>
    public IReadOnlyDictionary<string, long> RequestsSince(SimulatorTruth earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return this.Requests
            .Select(r => (r.Key, Count: r.Value - earlier.RequestsOf(r.Key)))
            .Where(r => r.Count != 0)
            .ToDictionary(r => r.Key, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>The fewest calls one poll can make: every endpoint's pages (at least one each) and the discovery pages.</summary>
    public long MinimumCalls(int pageSize) =>
        this.ListedPerEndpoint.Sum(n => Math.Max(1L, (n + pageSize - 1) / pageSize)) + Math.Max(1L, (this.ListedPerEndpoint.Count + pageSize - 1) / pageSize);
}

/// <summary>The simulator's <c>/sim</c> control and ground-truth API.</summary>
internal sealed class SimulatorControl(HttpClient http)
{
    public async Task<SimulatorTruth> TruthAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("sim/truth", UriKind.Relative), cancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), default, cancellationToken);
        var root = document.RootElement;
        var requests = root.GetProperty("requests").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64(), StringComparer.Ordinal);
        var listed = new List<int>();
        foreach (var endpoint in root.GetProperty("endpoints").EnumerateArray())
        {
            if (!endpoint.GetProperty("deleted").GetBoolean())
            {
                listed.Add(endpoint.GetProperty("connections").EnumerateArray().Sum(group => group.GetProperty("count").GetInt32()));
            }
        }

        var now = DateTimeOffset.Parse(root.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        return new SimulatorTruth(now, requests, listed);
    }

    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        var seconds = by.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        using var response = await http.PostAsync(new Uri($"sim/clock/advance?seconds={seconds}", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
