using System.Globalization;
using System.Text;
using System.Xml;

namespace ClientVpnSimulator.Protocol;

/// <summary>Shared settings and helpers of the XML the simulator writes.</summary>
internal static class Ec2Xml
{
    /// <summary>The namespace of every EC2 response of API version 2016-11-15.</summary>
    public const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    // XmlWriter spells the encoding "utf-8"; EC2 sends "UTF-8", so the declaration is written by hand.
    private static readonly byte[] Declaration = Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        CloseOutput = false,
        OmitXmlDeclaration = true,
    };

    /// <summary>A writer of UTF-8 XML without byte-order mark, as EC2 sends it, the declaration already written.</summary>
    public static XmlWriter CreateWriter(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Declaration);
        return XmlWriter.Create(stream, Settings);
    }

    /// <summary>
    /// Writes a Describe response: <c>&lt;ActionResponse&gt;&lt;requestId/&gt;&lt;list&gt;…&lt;/list&gt;&lt;nextToken/&gt;&lt;/ActionResponse&gt;</c>,
    /// <paramref name="writeItems"/> writing the list's items, the token only when there is one.
    /// </summary>
    public static void WriteDescribeResponse(XmlWriter writer, string action, string requestId, string list, string? nextToken, Action<XmlWriter> writeItems)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(writeItems);
        writer.WriteStartDocument();
        writer.WriteStartElement(action + "Response", Namespace);
        writer.WriteElementString("requestId", requestId);
        writer.WriteStartElement(list);
        writeItems(writer);
        writer.WriteEndElement();
        if (nextToken is not null)
        {
            writer.WriteElementString("nextToken", nextToken);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }

    /// <summary>Writes an unsigned counter the way EC2 does, as a decimal string.</summary>
    public static void WriteElement(this XmlWriter writer, string name, ulong value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes an integer.</summary>
    public static void WriteElement(this XmlWriter writer, string name, int value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElementString(name, value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Writes a boolean the way EC2 does, in lowercase.</summary>
    public static void WriteElement(this XmlWriter writer, string name, bool value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteElementString(name, value ? "true" : "false");
    }

    /// <summary>Writes a list in EC2's form: the list element wrapping one <c>item</c> per member.</summary>
    public static void WriteItems(this XmlWriter writer, string name, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WriteStartElement(name);
        foreach (var item in items)
        {
            writer.WriteElementString("item", item);
        }

        writer.WriteEndElement();
    }

    /// <summary>Writes a <c>status</c> element: its <c>code</c>, and its <c>message</c> when there is one.</summary>
    public static void WriteStatus(this XmlWriter writer, string code, string? message = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartElement("status");
        writer.WriteElementString("code", code);
        if (message is not null)
        {
            writer.WriteElementString("message", message);
        }

        writer.WriteEndElement();
    }
}
