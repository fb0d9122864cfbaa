using System.Globalization;
using Amazon.EC2;
using Amazon.EC2.Model;
using ClientVpnExporter.Connections;
using Microsoft.Extensions.Time.Testing;

namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// The AWS side of the model: endpoints and their connections on a simulated clock, listed as the API lists them
/// (active connections and those ended within the last 60 minutes), in pages of MaxResults with a NextToken, with
/// the faults and malformed fields of the poll under way. It also records what each call served, so the expected
/// exporter learns exactly which listings were complete.
/// </summary>
internal sealed class ModelFleet
{
    public const string AbsurdCounter = "9000000000000000000";

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(60);

    private readonly Lock served = new();
    private int nextId;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    /// <summary>Every endpoint ever created, deleted ones included, in creation order.</summary>
    public List<ModelEndpoint> Endpoints { get; } = [];

    public IReadOnlyList<ModelEndpoint> LiveEndpoints => [.. this.Endpoints.Where(e => !e.Deleted)];

    public DateTimeOffset Now => this.Clock.GetUtcNow();

    /// <summary>The faults of the poll under way.</summary>
    public ReadFault DiscoveryFault { get; set; }

    public Dictionary<string, ReadFault> ReadFaults { get; } = new(StringComparer.Ordinal);

    /// <summary>Live endpoints the poll's discovery does not list, as an eventually consistent API may.</summary>
    public HashSet<string> OmittedFromDiscovery { get; } = new(StringComparer.Ordinal);

    /// <summary>Malformed connections of the poll under way, by connection id.</summary>
    public Dictionary<string, List<Corruption>> Corruptions { get; } = new(StringComparer.Ordinal);

    /// <summary>The endpoint ids of the poll's discovery when every page of it was served; null when it failed.</summary>
    public IReadOnlyList<string>? ServedDiscovery { get; private set; }

    /// <summary>For each endpoint whose every page was served in the poll under way, the connections served.</summary>
    public Dictionary<string, IReadOnlyList<ModelConnection>> ServedListings { get; } = new(StringComparer.Ordinal);

    /// <summary>The endpoints whose connections the poll under way asked for, whether or not it got them.</summary>
    public HashSet<string> AttemptedReads { get; } = new(StringComparer.Ordinal);

    public ModelEndpoint CreateEndpoint()
    {
        var endpoint = new ModelEndpoint("cvpn-endpoint-" + this.NextHex());
        this.Endpoints.Add(endpoint);
        return endpoint;
    }

    public ModelConnection Connect(ModelEndpoint endpoint, string user, TimeSpan age, TrafficCounters counters)
    {
        var connection = new ModelConnection("cvpn-connection-" + this.NextHex(), user, this.Now - age, counters);
        endpoint.Connections.Add(connection);
        return connection;
    }

    /// <summary>Clears the previous poll's faults and records; the next poll starts.</summary>
    public void BeginPoll()
    {
        this.DiscoveryFault = ReadFault.None;
        this.ReadFaults.Clear();
        this.OmittedFromDiscovery.Clear();
        this.Corruptions.Clear();
        this.ServedDiscovery = null;
        this.ServedListings.Clear();
        this.AttemptedReads.Clear();
    }

    public DescribeClientVpnEndpointsResponse DescribeEndpoints(DescribeClientVpnEndpointsRequest request)
    {
        ThrowIfDryRun(request.DryRun);
        var live = this.LiveEndpoints.Where(e => !this.OmittedFromDiscovery.Contains(e.Id)).ToList();
        var (offset, count) = Page(request.MaxResults, request.NextToken, live.Count);
        ThrowOnFault(this.DiscoveryFault, offset, count, live.Count, "the endpoints");
        var response = new DescribeClientVpnEndpointsResponse
        {
            ClientVpnEndpoints = [.. live.Skip(offset).Take(count).Select(e => new ClientVpnEndpoint { ClientVpnEndpointId = e.Id })],
            NextToken = offset + count < live.Count ? Token(offset + count) : null,
        };
        if (response.NextToken is null)
        {
            this.ServedDiscovery = [.. live.Select(e => e.Id)];
        }

        return response;
    }

    public DescribeClientVpnConnectionsResponse DescribeConnections(DescribeClientVpnConnectionsRequest request)
    {
        ThrowIfDryRun(request.DryRun);

        // The exporter reads endpoints concurrently; the fleet itself does not change during a poll.
        lock (this.served)
        {
            this.AttemptedReads.Add(request.ClientVpnEndpointId);
        }

        var endpoint = this.Endpoints.SingleOrDefault(e => e.Id == request.ClientVpnEndpointId);
        var fault = endpoint is null || endpoint.Deleted ? ReadFault.NotFound : this.ReadFaults.GetValueOrDefault(endpoint.Id);
        var listed = endpoint is null ? [] : endpoint.ListedAt(this.Now).ToList();
        var (offset, count) = Page(request.MaxResults, request.NextToken, listed.Count);
        ThrowOnFault(fault, offset, count, listed.Count, request.ClientVpnEndpointId);
        var response = new DescribeClientVpnConnectionsResponse
        {
            Connections = [.. listed.Skip(offset).Take(count).Select(c => this.AsServed(endpoint!.Id, c))],
            NextToken = offset + count < listed.Count ? Token(offset + count) : null,
        };
        if (response.NextToken is null)
        {
            lock (this.served)
            {
                this.ServedListings[endpoint!.Id] = listed;
            }
        }

        return response;
    }

    private static void ThrowIfDryRun(bool? dryRun)
    {
        if (dryRun == true)
        {
            throw new AmazonEC2Exception("Request would have succeeded, but DryRun flag is set.") { ErrorCode = "DryRunOperation", StatusCode = System.Net.HttpStatusCode.PreconditionFailed };
        }
    }

    private static (int Offset, int Count) Page(int? maxResults, string? nextToken, int total)
    {
        if (maxResults is not { } max || max is < 5 or > 1000)
        {
            throw new AmazonEC2Exception($"MaxResults must be between 5 and 1000 (got {maxResults}).") { ErrorCode = "InvalidParameterValue", StatusCode = System.Net.HttpStatusCode.BadRequest };
        }

        var offset = nextToken is null ? 0 : int.Parse(nextToken.AsSpan("page-".Length), CultureInfo.InvariantCulture);
        return (offset, Math.Min(max, total - offset));
    }

    private static string Token(int offset) => "page-" + offset.ToString(CultureInfo.InvariantCulture);

    /// <summary>Throws the fault's exception when it hits the page at <paramref name="offset"/>.</summary>
    private static void ThrowOnFault(ReadFault fault, int offset, int count, int total, string what)
    {
        var fails = fault switch
        {
            ReadFault.None => false,

            // The first page of a longer listing arrives and the next fails; a one-page listing fails on its page.
            ReadFault.FailsAfterFirstPage => offset > 0 || offset + count >= total,
            _ => offset == 0,
        };
        if (!fails)
        {
            return;
        }

        throw fault switch
        {
            ReadFault.Throttled or ReadFault.FailsAfterFirstPage => new AmazonEC2Exception("Request limit exceeded.") { ErrorCode = "RequestLimitExceeded", StatusCode = System.Net.HttpStatusCode.ServiceUnavailable },
            ReadFault.ServerError => new AmazonEC2Exception("An internal error has occurred.") { ErrorCode = "InternalError", StatusCode = System.Net.HttpStatusCode.InternalServerError },
            _ => new AmazonEC2Exception($"The ClientVpnEndpointId '{what}' does not exist.") { ErrorCode = "InvalidClientVpnEndpointId.NotFound", StatusCode = System.Net.HttpStatusCode.BadRequest },
        };
    }

    private ClientVpnConnection AsServed(string endpointId, ModelConnection connection)
    {
        string[] counters =
        [
            Number(connection.Counters.IngressBytes),
            Number(connection.Counters.EgressBytes),
            Number(connection.Counters.IngressPackets),
            Number(connection.Counters.EgressPackets),
        ];
        var id = connection.Id;
        foreach (var corruption in this.Corruptions.GetValueOrDefault(connection.Id) ?? [])
        {
            switch (corruption.Fault)
            {
                case FieldFault.GarbledId:
                    id = corruption.Text;
                    break;
                case FieldFault.AbsurdCounter:
                    counters[corruption.Field] = AbsurdCounter;
                    break;
                default:
                    counters[corruption.Field] = corruption.Text;
                    break;
            }
        }

        return new ClientVpnConnection
        {
            ConnectionId = id,
            Username = connection.User,
            Status = new ClientVpnConnectionStatus { Code = connection.IsActive ? ClientVpnConnectionStatusCode.Active : ClientVpnConnectionStatusCode.Terminated },
            IngressBytes = counters[0],
            EgressBytes = counters[1],
            IngressPackets = counters[2],
            EgressPackets = counters[3],
            ConnectionEstablishedTime = ApiTime(connection.EstablishedAt),
            ConnectionEndTime = connection.EndedAt is { } ended ? ApiTime(ended) : "-",
            Timestamp = ApiTime(this.Now),
            ClientVpnEndpointId = endpointId,
        };
    }

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string ApiTime(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private string NextHex() => (++this.nextId).ToString("x17", CultureInfo.InvariantCulture);
}
