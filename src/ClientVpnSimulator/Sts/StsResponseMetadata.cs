using System.Xml;

namespace ClientVpnSimulator.Sts;

/// <summary>The <c>ResponseMetadata</c> element that closes every successful STS response.</summary>
internal static class StsResponseMetadata
{
    /// <summary>Writes <c>&lt;ResponseMetadata&gt;&lt;RequestId&gt;…&lt;/RequestId&gt;&lt;/ResponseMetadata&gt;</c>.</summary>
    public static void Write(XmlWriter writer, string requestId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("ResponseMetadata");
        writer.WriteElementString("RequestId", requestId);
        writer.WriteEndElement();
    }
}
