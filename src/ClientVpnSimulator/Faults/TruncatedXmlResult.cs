using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Faults;

/// <summary>A successful answer whose body stops half-way, as if the connection had been cut mid-response.</summary>
internal sealed class TruncatedXmlResult : QueryResult
{
    private readonly QueryResult whole;

    /// <summary>Cuts <paramref name="whole"/> in half.</summary>
    public TruncatedXmlResult(QueryResult whole)
    {
        this.whole = whole;
    }

    /// <inheritdoc/>
    public override int StatusCode => 200;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        this.whole.WriteTo(buffer);
        stream.Write(buffer.GetBuffer().AsSpan(0, (int)(buffer.Length / 2)));
    }
}
