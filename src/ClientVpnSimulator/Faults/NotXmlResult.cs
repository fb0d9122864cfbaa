using System.Text;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Faults;

/// <summary>A 200 whose body is not XML at all, as a misbehaving proxy in front of the service might send.</summary>
internal sealed class NotXmlResult : QueryResult
{
    private static readonly byte[] Body =
        Encoding.UTF8.GetBytes("upstream connect error or disconnect/reset before headers. reset reason: connection termination");

    /// <inheritdoc/>
    public override int StatusCode => 200;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Body);
    }
}
