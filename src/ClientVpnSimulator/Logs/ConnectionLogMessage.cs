using System.Globalization;
using System.Text;
using System.Text.Json;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Logs;

/// <summary>
/// Renders an event as the JSON document AWS writes: every documented field, each a string, <c>NA</c> where a value
/// does not apply (AWS Client VPN administrator guide, connection-logging.md).
/// </summary>
internal static class ConnectionLogMessage
{
    private const string NotApplicable = "NA";
    private static readonly string[] DeviceTypes = ["windows", "mac", "linux", "ios", "android"];

    /// <summary>The entry's fields in the order AWS writes them.</summary>
    public static KeyValuePair<string, string>[] Fields(EndpointProfile endpoint, ConnectionLogEvent entry)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var connection = entry.Connection;
        var ended = entry.Kind == ConnectionLogEntryKind.End && connection is not null;
        var startMs = connection?.EstablishedMs ?? entry.TimestampMs;
        var traffic = ended ? connection!.CountersAt(entry.TimestampMs) : default;
        var hash = Hash(entry.ConnectionId);
        var established = connection is not null && entry.AttemptStatus == "successful";
        return
        [
            new("connection-log-type", entry.Kind == ConnectionLogEntryKind.Reset ? "connection-reset" : "connection-attempt"),
            new("connection-attempt-status", entry.AttemptStatus),
            new("connection-reset-status", entry.Kind == ConnectionLogEntryKind.Reset ? "assertion-received" : NotApplicable),
            new("connection-attempt-failure-reason", entry.Reason),
            new("connection-id", entry.ConnectionId),
            new("client-vpn-endpoint-id", endpoint.Id),
            new("transport-protocol", endpoint.TransportProtocol),
            new("connection-start-time", SimulatedTime.ToEc2String(startMs)),
            new("connection-last-update-time", SimulatedTime.ToEc2String(entry.TimestampMs)),
            new("client-ip", established ? IpAddressText.FormatIpv4(connection!.ClientIpv4) : NotApplicable),
            new("client-ip-v6", established && connection!.ClientIpv6 != 0 ? IpAddressText.FormatIpv6(connection.ClientIpv6) : NotApplicable),
            new("common-name", entry.User.CommonName),
            new("device-type", DeviceTypes[(int)(hash % (uint)DeviceTypes.Length)]),
            new("device-ip", IpAddressText.FormatIpv4((203u << 24) | (113u << 8) | (1 + ((hash >> 8) % 254)))),
            new("port", Text(1024 + ((hash >> 16) % 64_000))),
            new("ingress-bytes", Text(traffic.IngressBytes)),
            new("egress-bytes", Text(traffic.EgressBytes)),
            new("ingress-packets", Text(traffic.IngressPackets)),
            new("egress-packets", Text(traffic.EgressPackets)),
            new("connection-end-time", ended ? SimulatedTime.ToEc2String(entry.TimestampMs) : NotApplicable),
            new("posture-compliance-statuses", established && connection!.Posture.Statuses.Count > 0 ? string.Join(',', connection.Posture.Statuses) : NotApplicable),
            new("username", entry.User.Username.Length > 0 ? entry.User.Username : NotApplicable),
            new("connection-duration-seconds", Text(ended ? (ulong)Math.Max(0, (entry.TimestampMs - startMs) / SimulatedTime.Second) : 0)),
        ];
    }

    /// <summary>The JSON text of <paramref name="fields"/>.</summary>
    public static string Render(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        using var buffer = new MemoryStream(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Text(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    // FNV-1a: the device of an attempt follows from its connection id, so it need not be stored.
    private static uint Hash(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16_777_619u);
        }

        return hash;
    }
}
