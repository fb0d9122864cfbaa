using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// The <c>connection-attempt-failure-reason</c> values the simulator writes, weighted as a fleet's failures might be,
/// and the label an exporter gives each (a documented reason as it is, <c>none</c> for <c>NA</c>, <c>other</c> else).
/// </summary>
/// <remarks>
/// Documented: the client-connect handler's six (AWS Client VPN administrator guide, connection-authorization.md) and
/// <c>authorization-policy-deny</c> (connection-logging.md). <see cref="Undocumented"/> is not in the guide: it
/// exercises the exporter's <c>other</c>.
/// </remarks>
internal static class AttemptReasons
{
    /// <summary>What an entry without a failure reason carries.</summary>
    public const string None = "NA";

    /// <summary>The handler denied the connection: what every attempt fails with while the handler denies everyone.</summary>
    public const string ClientConnectFailed = "client-connect-failed";

    /// <summary>A reason text the guide does not document.</summary>
    public const string Undocumented = "authentication-failed";

    /// <summary>Every documented failure reason.</summary>
    public static IReadOnlyList<string> Documented { get; } =
    [
        ClientConnectFailed,
        "client-connect-handler-timed-out",
        "client-connect-handler-other-execution-error",
        "client-connect-handler-throttled",
        "client-connect-handler-invalid-response",
        "client-connect-handler-service-error",
        "authorization-policy-deny",
    ];

    // Per 100 failures where a client-connect handler runs: its denials most (posture, wrong group), then policy
    // denials and timeouts, its rarer errors, and a few of the undocumented text.
    private static readonly (string Reason, int Weight)[] WithHandler =
    [
        (ClientConnectFailed, 45),
        ("authorization-policy-deny", 20),
        ("client-connect-handler-timed-out", 14),
        ("client-connect-handler-other-execution-error", 5),
        ("client-connect-handler-throttled", 4),
        ("client-connect-handler-invalid-response", 3),
        ("client-connect-handler-service-error", 3),
        (Undocumented, 6),
    ];

    // Without a handler, none of its reasons can occur.
    private static readonly (string Reason, int Weight)[] WithoutHandler =
    [
        ("authorization-policy-deny", 90),
        (Undocumented, 10),
    ];

    /// <summary>Draws the reason of a failed attempt on an endpoint with or without a client-connect handler.</summary>
    public static string Draw(SeededRandom random, bool handler)
    {
        ArgumentNullException.ThrowIfNull(random);
        var table = handler ? WithHandler : WithoutHandler;
        var pick = random.NextInt(100);
        foreach (var (reason, weight) in table)
        {
            if (pick < weight)
            {
                return reason;
            }

            pick -= weight;
        }

        return table[^1].Reason;
    }

    /// <summary>The exporter's <c>reason</c> label of a reason text.</summary>
    public static string Label(string reason) =>
        reason == None ? "none" : Documented.Contains(reason, StringComparer.Ordinal) ? reason : "other";

    /// <summary>The exporter's <c>status</c> label of a <c>connection-attempt-status</c>.</summary>
    public static string StatusLabel(string status) => status is "successful" or "failed" or "waiting-for-assertion" ? status : "other";
}
