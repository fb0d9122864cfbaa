using ClientVpnSimulator.Clock;

namespace ClientVpnSimulator.Fleet;

/// <summary>
/// One client session. Everything about it is drawn when it is created, its end included,
/// so its status and counters at any instant are pure functions of that instant.
/// </summary>
internal sealed class SimulatedConnection
{
    /// <summary>How long the API keeps listing a connection after its end time.</summary>
    public const long ListingRetentionMs = 60 * SimulatedTime.Minute;

    /// <summary>The end time of a connection that never ends.</summary>
    public const long Never = long.MaxValue;

    /// <summary>The connection id, <c>cvpn-connection-</c> and 17 hexadecimal digits.</summary>
    public required string Id { get; init; }

    /// <summary>The user who connected.</summary>
    public required SimulatedUser User { get; init; }

    /// <summary>What the client-connect handler returned for this connection.</summary>
    public required PostureProfile Posture { get; init; }

    /// <summary>When the connection was established.</summary>
    public required long EstablishedMs { get; init; }

    /// <summary>When the session stopped passing traffic and started terminating, or <see cref="Never"/>.</summary>
    public required long EndRequestedMs { get; init; }

    /// <summary>How long the connection spends terminating (or failing to) before it is terminated.</summary>
    public required int TerminationDelayMs { get; init; }

    /// <summary>Whether it shows <c>failed-to-terminate</c> rather than <c>terminating</c> while it ends.</summary>
    public required bool FailedToTerminate { get; init; }

    /// <summary>The IPv4 address assigned from the endpoint's client CIDR block.</summary>
    public required uint ClientIpv4 { get; init; }

    /// <summary>The IPv6 address on a dual-stack endpoint; zero elsewhere.</summary>
    public required UInt128 ClientIpv6 { get; init; }

    /// <summary>The traffic profile while active.</summary>
    public required TrafficRates Rates { get; init; }

    /// <summary>Orders connections on their endpoint: listing order, page tokens and event ties.</summary>
    public long Sequence { get; set; }

    /// <summary>Whether it has aged out of the listing and been folded into the accumulators.</summary>
    public bool IsRetired { get; set; }

    /// <summary>When it became <c>terminated</c> (its <c>ConnectionEndTime</c>), or <see cref="Never"/>.</summary>
    public long TerminatedMs => this.EndRequestedMs == Never ? Never : this.EndRequestedMs + this.TerminationDelayMs;

    /// <summary>When the API stops listing it, or <see cref="Never"/>.</summary>
    public long ExpiresMs => this.EndRequestedMs == Never ? Never : this.TerminatedMs + ListingRetentionMs;

    /// <summary>The status at <paramref name="nowMs"/>.</summary>
    public ConnectionStatus StatusAt(long nowMs)
    {
        if (nowMs < this.EndRequestedMs)
        {
            return ConnectionStatus.Active;
        }

        if (nowMs < this.TerminatedMs)
        {
            return this.FailedToTerminate ? ConnectionStatus.FailedToTerminate : ConnectionStatus.Terminating;
        }

        return ConnectionStatus.Terminated;
    }

    /// <summary>The counters at <paramref name="nowMs"/>: they grow only while the connection is active.</summary>
    public SimulatedTraffic CountersAt(long nowMs) => this.Rates.After(Math.Min(nowMs, this.EndRequestedMs) - this.EstablishedMs);
}
