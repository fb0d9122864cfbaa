using System.Globalization;
using System.Xml;

namespace ClientVpnSimulator.Protocol;

/// <summary>The XML of the AWS Query protocol's answers (STS, IAM).</summary>
internal static class QueryXml
{
    /// <summary>
    /// Writes a successful response to <paramref name="action"/> of <paramref name="service"/>, in its namespace:
    /// <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;…&lt;/ActionResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;&lt;/ResponseMetadata&gt;&lt;/ActionResponse&gt;</c>,
    /// <paramref name="writeResult"/> writing the result's content.
    /// </summary>
    public static void WriteResponse(XmlWriter writer, AwsService service, string action, string requestId, Action<XmlWriter> writeResult)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(writeResult);
        writer.WriteStartDocument();
        writer.WriteStartElement(action + "Response", service.XmlNamespace);
        writer.WriteStartElement(action + "Result");
        writeResult(writer);
        writer.WriteEndElement();
        writer.WriteStartElement("ResponseMetadata");
        writer.WriteElementString("RequestId", requestId);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>A time as the Query services write it: ISO 8601, UTC, whole seconds, <c>Z</c>.</summary>
    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
