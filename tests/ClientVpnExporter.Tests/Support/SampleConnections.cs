using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Tests.Support;

/// <summary>Builds parsed connections, listings and ledgers for ledger and metrics tests.</summary>
internal static class SampleConnections
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A ledger keeping users for an hour, with its own counting start (unknown unless given).</summary>
    public static EndpointLedger Ledger(ReadingDetail detail = ReadingDetail.None, bool awaitsBaseline = false, CountingStart? countingStart = null) =>
        new(TimeSpan.FromHours(1), detail, countingStart ?? new CountingStart(), awaitsBaseline);

    /// <summary>A complete listing of <paramref name="connections"/> in which every field parsed.</summary>
    public static ConnectionListing Listing(params ParsedConnection[] connections) => new(connections, [], null);

    public static ParsedConnection Active(string id, ulong ingressBytes, string user = "alice", string posture = "none", ulong egressBytes = 0) => new()
    {
        ConnectionId = id,
        Status = ConnectionStatuses.Active,
        User = user,
        Posture = posture,
        IngressBytes = ingressBytes,
        EgressBytes = egressBytes,
        IngressPackets = ingressBytes / 100,
        EgressPackets = egressBytes / 100,
        EstablishedAt = Start,
    };

    public static ParsedConnection Ended(string id, ulong ingressBytes, TimeSpan after, string user = "alice", string posture = "none") =>
        Active(id, ingressBytes, user, posture) with { Status = ConnectionStatuses.Terminated, EndedAt = Start + after };
}
