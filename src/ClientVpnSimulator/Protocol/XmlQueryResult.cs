using System.Xml;

namespace ClientVpnSimulator.Protocol;

/// <summary>A successful answer whose XML is written by a callback over a snapshot taken earlier.</summary>
internal sealed class XmlQueryResult : QueryResult
{
    private readonly Action<XmlWriter> write;

    /// <summary>Creates an answer that <paramref name="write"/> renders.</summary>
    public XmlQueryResult(Action<XmlWriter> write)
    {
        this.write = write;
    }

    /// <inheritdoc/>
    public override int StatusCode => 200;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        using var writer = Ec2Xml.CreateWriter(stream);
        this.write(writer);
    }
}
