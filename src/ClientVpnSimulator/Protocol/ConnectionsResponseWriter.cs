using System.Xml;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>Writes a DescribeClientVpnConnections response, element names as the EC2 service model has them.</summary>
internal static class ConnectionsResponseWriter
{
    /// <summary>Writes the whole document.</summary>
    public static void Write(XmlWriter writer, string requestId, ConnectionPage page, string? nextToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(page);
        var timestamp = SimulatedTime.ToEc2String(page.NowMs);
        Ec2Xml.WriteDescribeResponse(writer, "DescribeClientVpnConnections", requestId, "connections", nextToken, items =>
        {
            foreach (var connection in page.Connections)
            {
                WriteConnection(items, page.EndpointId, timestamp, connection);
            }
        });
    }

    private static void WriteConnection(XmlWriter writer, string endpointId, string timestamp, in ConnectionSnapshot connection)
    {
        writer.WriteStartElement("item");
        writer.WriteElementString("clientVpnEndpointId", endpointId);
        writer.WriteElementString("timestamp", timestamp);
        writer.WriteElementString("connectionId", connection.ConnectionId);
        if (connection.Username.Length > 0)
        {
            writer.WriteElementString("username", connection.Username);
        }

        writer.WriteElementString("connectionEstablishedTime", SimulatedTime.ToEc2String(connection.EstablishedMs));
        writer.WriteElement("ingressBytes", connection.Counters.IngressBytes);
        writer.WriteElement("egressBytes", connection.Counters.EgressBytes);
        writer.WriteElement("ingressPackets", connection.Counters.IngressPackets);
        writer.WriteElement("egressPackets", connection.Counters.EgressPackets);
        writer.WriteElementString("clientIp", IpAddressText.FormatIpv4(connection.ClientIpv4));
        if (connection.ClientIpv6 is { } ipv6)
        {
            writer.WriteElementString("clientIpv6Address", IpAddressText.FormatIpv6(ipv6));
        }

        writer.WriteElementString("commonName", connection.CommonName);
        writer.WriteStartElement("status");
        writer.WriteElementString("code", connection.Status.Code());
        writer.WriteElementString("message", connection.Status.Message());
        writer.WriteEndElement();
        writer.WriteElementString("connectionEndTime", connection.EndMs is { } end ? SimulatedTime.ToEc2String(end) : "-");
        writer.WriteItems("postureComplianceStatusSet", connection.PostureStatuses);
        writer.WriteEndElement();
    }
}
