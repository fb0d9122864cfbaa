using System.Xml;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Protocol;

/// <summary>Writes a DescribeClientVpnEndpoints response, element names as the EC2 service model has them.</summary>
internal static class EndpointsResponseWriter
{
    /// <summary>Writes the whole document.</summary>
    public static void Write(XmlWriter writer, string requestId, IReadOnlyList<EndpointProfile> endpoints, string? nextToken)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(endpoints);
        Ec2Xml.WriteDescribeResponse(writer, "DescribeClientVpnEndpoints", requestId, "clientVpnEndpoint", nextToken, items =>
        {
            foreach (var endpoint in endpoints)
            {
                WriteEndpoint(items, endpoint);
            }
        });
    }

    private static void WriteEndpoint(XmlWriter writer, EndpointProfile endpoint)
    {
        writer.WriteStartElement("item");
        writer.WriteElementString("clientVpnEndpointId", endpoint.Id);
        writer.WriteElementString("description", endpoint.Description);
        writer.WriteStartElement("status");
        writer.WriteElementString("code", endpoint.StatusCode);
        writer.WriteEndElement();
        writer.WriteElementString("creationTime", SimulatedTime.ToEc2String(endpoint.CreationTimeMs));
        writer.WriteElementString("dnsName", endpoint.DnsName);
        writer.WriteElementString("clientCidrBlock", endpoint.ClientCidrBlock);
        writer.WriteElement("splitTunnel", endpoint.SplitTunnel);
        writer.WriteElementString("vpnProtocol", "openvpn");
        writer.WriteElementString("transportProtocol", endpoint.TransportProtocol);
        writer.WriteElement("vpnPort", endpoint.VpnPort);
        writer.WriteElementString("serverCertificateArn", endpoint.ServerCertificateArn);
        WriteAuthentication(writer, endpoint);
        writer.WriteStartElement("connectionLogOptions");
        // The service model gives these three no locationName, so AWS writes the member names as they are (PascalCase).
        // The .NET SDK matches names regardless of case; botocore does not.
        // With logging off, AWS names no group or stream.
        writer.WriteElement("Enabled", endpoint.ConnectionLogEnabled);
        if (endpoint.ConnectionLogEnabled)
        {
            writer.WriteElementString("CloudwatchLogGroup", endpoint.ConnectionLogGroup);
            writer.WriteElementString("CloudwatchLogStream", endpoint.ConnectionLogStream);
        }

        writer.WriteEndElement();
        writer.WriteStartElement("tagSet");
        foreach (var tag in endpoint.Tags)
        {
            writer.WriteStartElement("item");
            writer.WriteElementString("key", tag.Key);
            writer.WriteElementString("value", tag.Value);
            writer.WriteEndElement();
        }

        writer.WriteEndElement();
        writer.WriteItems("securityGroupIdSet", endpoint.SecurityGroupIds);
        writer.WriteElementString("vpcId", endpoint.VpcId);
        writer.WriteStartElement("clientConnectOptions");
        writer.WriteElement("enabled", endpoint.ClientConnectHandlerEnabled);
        if (endpoint.ClientConnectLambdaArn is not null)
        {
            writer.WriteElementString("lambdaFunctionArn", endpoint.ClientConnectLambdaArn);
        }

        writer.WriteStartElement("status");
        writer.WriteElementString("code", endpoint.ClientConnectStatus);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteElement("sessionTimeoutHours", endpoint.SessionTimeoutHours);
        writer.WriteElementString("endpointIpAddressType", "ipv4");
        writer.WriteElementString("trafficIpAddressType", endpoint.DualStack ? "dual-stack" : "ipv4");
        writer.WriteEndElement();
    }

    private static void WriteAuthentication(XmlWriter writer, EndpointProfile endpoint)
    {
        writer.WriteStartElement("authenticationOptions");
        writer.WriteStartElement("item");
        switch (endpoint.Authentication)
        {
            case AuthenticationKind.Certificate:
                writer.WriteElementString("type", "certificate-authentication");
                writer.WriteStartElement("mutualAuthentication");
                writer.WriteElementString("clientRootCertificateChain", endpoint.ClientRootCertificateChainArn);
                writer.WriteEndElement();
                break;
            case AuthenticationKind.ActiveDirectory:
                writer.WriteElementString("type", "directory-service-authentication");
                writer.WriteStartElement("activeDirectory");
                writer.WriteElementString("directoryId", endpoint.DirectoryId);
                writer.WriteEndElement();
                break;
            default:
                writer.WriteElementString("type", "federated-authentication");
                writer.WriteStartElement("federatedAuthentication");
                writer.WriteElementString("samlProviderArn", endpoint.SamlProviderArn);
                writer.WriteElementString("selfServiceSamlProviderArn", endpoint.SelfServiceSamlProviderArn);
                writer.WriteEndElement();
                break;
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }
}
