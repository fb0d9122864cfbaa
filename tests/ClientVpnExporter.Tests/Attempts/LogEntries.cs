using System.Text.Json;
using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Tests.Attempts;

/// <summary>Connection log entries as AWS writes them (connection-logging.md's example and field list), as CloudWatch Logs events.</summary>
internal static class LogEntries
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    /// <summary>An attempt entry: end time <c>NA</c>.</summary>
    public static string Attempt(string status = "successful", string reason = "NA", string user = "NA", string commonName = "client1") =>
        Entry("connection-attempt", status, reason, "NA", user, commonName);

    /// <summary>The entry a session's end writes: its end time set.</summary>
    public static string Ended(string user = "NA") => Entry("connection-attempt", "successful", "NA", "2026-12-01 14:30:00", user, "client1");

    /// <summary>A SAML reset (<c>assertion-received</c>).</summary>
    public static string Reset() => Entry("connection-reset", "NA", "NA", "NA", "NA", "NA", resetStatus: "assertion-received");

    public static string Entry(string type, string status, string reason, string endTime, string user, string commonName, string resetStatus = "NA") =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["connection-log-type"] = type,
            ["connection-attempt-status"] = status,
            ["connection-reset-status"] = resetStatus,
            ["connection-attempt-failure-reason"] = reason,
            ["connection-id"] = "cvpn-connection-abc123abc123abc12",
            ["client-vpn-endpoint-id"] = "cvpn-endpoint-aaa111bbb222ccc33",
            ["transport-protocol"] = "udp",
            ["connection-start-time"] = "2026-12-01 14:00:00",
            ["connection-last-update-time"] = "2026-12-01 14:00:00",
            ["client-ip"] = "10.0.1.2",
            ["common-name"] = commonName,
            ["device-type"] = "mac",
            ["device-ip"] = "98.247.202.82",
            ["port"] = "50096",
            ["ingress-bytes"] = "0",
            ["egress-bytes"] = "0",
            ["ingress-packets"] = "0",
            ["egress-packets"] = "0",
            ["connection-end-time"] = endTime,
            ["posture-compliance-statuses"] = "NA",
            ["username"] = user,
            ["connection-duration-seconds"] = "0",
        });

    /// <summary>A CloudWatch Logs event of <paramref name="message"/>, <paramref name="secondsAfterStart"/> after <see cref="Start"/>, ingested <paramref name="lateBy"/> seconds later.</summary>
    public static LogEvent Event(string id, double secondsAfterStart, string message, double lateBy = 5) =>
        new("connections", Start.AddSeconds(secondsAfterStart), Start.AddSeconds(secondsAfterStart + lateBy), message, id);
}
