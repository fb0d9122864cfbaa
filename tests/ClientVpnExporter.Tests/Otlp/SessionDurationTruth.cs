using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;
using ClientVpnExporter.Tests.Support;

namespace ClientVpnExporter.Tests.Otlp;

/// <summary>
/// The simulator's ended sessions as the ground truth of <c>clientvpn_session_duration_seconds</c>, reduced here and
/// not by the exporter's ledger: the test lists every endpoint's connections through the real AWS SDK after each
/// frozen-clock poll (so it sees what the poll saw), and every session listed ended that had not ended when this
/// truth started counts once, with its API end time minus its established time. The simulator's sessions all begin
/// after the exporter's counting start, so none is left out for having begun before it.
/// </summary>
internal sealed class SessionDurationTruth : IDisposable
{
    private readonly AmazonEC2Client ec2;
    private readonly HashSet<string> endedBefore = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string EndpointId, string Posture, double Seconds)> observed = new(StringComparer.Ordinal);

    private SessionDurationTruth(ExporterOnSimulator harness) =>
        this.ec2 = new AmazonEC2Client(new BasicAWSCredentials("AKIDTRUTH", "truth"), new AmazonEC2Config
        {
            ServiceURL = harness.Simulator.BaseAddress.ToString(),
            AuthenticationRegion = "us-east-1",
        });

    /// <summary>Starts counting at the poll just made: the sessions already ended then are not counted.</summary>
    public static async Task<SessionDurationTruth> StartAsync(ExporterOnSimulator harness)
    {
        var truth = new SessionDurationTruth(harness);
        foreach (var (_, connection, _) in await truth.ListEndedAsync())
        {
            truth.endedBefore.Add(connection);
        }

        return truth;
    }

    /// <summary>Takes in the sessions ended since the last read; call it after each poll.</summary>
    public async Task ReadAsync()
    {
        foreach (var (endpointId, connection, session) in await this.ListEndedAsync())
        {
            if (!this.endedBefore.Contains(connection))
            {
                this.observed.TryAdd(connection, (endpointId, session.Posture, session.Duration.TotalSeconds));
            }
        }
    }

    /// <summary>How many sessions were counted.</summary>
    public int Count => this.observed.Count;

    /// <summary>The histogram's samples in <see cref="OtlpPushTests.Fleet"/>'s text form, with the family's bucket bounds.</summary>
    public List<string> Samples()
    {
        var name = FamilyCatalog.SessionDuration + "_seconds";
        var samples = new List<string>();
        foreach (var series in this.observed.Values.GroupBy(s => (s.EndpointId, s.Posture)))
        {
            var labels = $"endpoint_id={series.Key.EndpointId}";
            var posture = $"posture={series.Key.Posture}";
            foreach (var bound in SessionDurationHistogram.BucketBounds)
            {
                samples.Add($"{name}_bucket{{{labels},le={bound.ToString(CultureInfo.InvariantCulture)},{posture}}} {series.Count(s => s.Seconds <= bound)}");
            }

            samples.Add($"{name}_bucket{{{labels},le=+Inf,{posture}}} {series.Count()}");
            samples.Add($"{name}_count{{{labels},{posture}}} {series.Count()}");
            samples.Add($"{name}_sum{{{labels},{posture}}} {series.Sum(s => s.Seconds).ToString("R", CultureInfo.InvariantCulture)}");
        }

        return [.. samples.Order(StringComparer.Ordinal)];
    }

    public void Dispose() => this.ec2.Dispose();

    private async Task<List<(string EndpointId, string Connection, EndedSession Session)>> ListEndedAsync()
    {
        var ended = new List<(string, string, EndedSession)>();
        await foreach (var endpoint in this.ec2.Paginators.DescribeClientVpnEndpoints(new DescribeClientVpnEndpointsRequest()).ClientVpnEndpoints)
        {
            var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = endpoint.ClientVpnEndpointId };
            await foreach (var connection in this.ec2.Paginators.DescribeClientVpnConnections(request).Connections)
            {
                if (connection.ConnectionEndTime is { } end && end != ConnectionParser.NotEnded)
                {
                    var seconds = (Utc(end) - Utc(connection.ConnectionEstablishedTime)).TotalSeconds;
                    ended.Add((endpoint.ClientVpnEndpointId, connection.ConnectionId, new EndedSession(PostureLabel.From(connection.PostureComplianceStatuses), TimeSpan.FromSeconds(Math.Max(0, seconds)))));
                }
            }
        }

        return ended;
    }

    private static DateTime Utc(string apiTime) =>
        DateTime.ParseExact(apiTime, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
