using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>A connection as the API shows it at one instant, copied out of the fleet so it can be written unlocked.</summary>
internal readonly record struct ConnectionSnapshot(
    string ConnectionId,
    string Username,
    string CommonName,
    long EstablishedMs,
    SimulatedTraffic Counters,
    uint ClientIpv4,
    UInt128? ClientIpv6,
    ConnectionStatus Status,
    long? EndMs,
    IReadOnlyList<string> PostureStatuses)
{
    /// <summary>Copies <paramref name="connection"/> as of <paramref name="nowMs"/>.</summary>
    public static ConnectionSnapshot Of(SimulatedConnection connection, bool dualStack, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var status = connection.StatusAt(nowMs);
        return new ConnectionSnapshot(
            connection.Id,
            connection.User.Username,
            connection.User.CommonName,
            connection.EstablishedMs,
            connection.CountersAt(nowMs),
            connection.ClientIpv4,
            dualStack ? connection.ClientIpv6 : null,
            status,
            status == ConnectionStatus.Terminated ? connection.TerminatedMs : null,
            connection.Posture.Statuses);
    }
}
