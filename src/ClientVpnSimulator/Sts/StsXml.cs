using System.Xml;

namespace ClientVpnSimulator.Sts;

/// <summary>The XML STS writes.</summary>
internal static class StsXml
{
    /// <summary>The namespace of every STS response of API version 2011-06-15, error responses included.</summary>
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    /// <summary>
    /// Writes a successful response to <paramref name="action"/>:
    /// <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;…&lt;/ActionResult&gt;&lt;ResponseMetadata&gt;&lt;RequestId/&gt;&lt;/ResponseMetadata&gt;&lt;/ActionResponse&gt;</c>,
    /// <paramref name="writeResult"/> writing the result's content.
    /// </summary>
    public static void WriteResponse(XmlWriter writer, string action, string requestId, Action<XmlWriter> writeResult)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(writeResult);
        writer.WriteStartDocument();
        writer.WriteStartElement(action + "Response", Namespace);
        writer.WriteStartElement(action + "Result");
        writeResult(writer);
        writer.WriteEndElement();
        writer.WriteStartElement("ResponseMetadata");
        writer.WriteElementString("RequestId", requestId);
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
