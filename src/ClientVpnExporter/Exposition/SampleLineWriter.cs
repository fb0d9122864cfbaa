using System.Buffers;
using System.Globalization;
using System.Text;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Writes samples as exposition lines (<c>name{label="value",...} value</c>) into a chunk of its own and hands
/// full chunks to the output, so the output sees few large writes instead of one per label.
/// </summary>
internal sealed class SampleLineWriter(IBufferWriter<byte> output) : ISeriesSink
{
    private const int ChunkSize = 1 << 16;

    private byte[] chunk = new byte[ChunkSize];
    private int used;
    private byte[] sampleName = [];

    /// <summary>Bytes handed to the output so far.</summary>
    public long Written { get; private set; }

    /// <summary>The name the following samples are written under.</summary>
    public void BeginSamples(byte[] name) => this.sampleName = name;

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(this.Reserve(bytes.Length));
        this.used += bytes.Length;
    }

    public void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        this.WriteSeries(tags);
        this.Advance(value.TryFormat(this.Reserve(20), out var n, default, CultureInfo.InvariantCulture), n);
        this.EndLine();
    }

    public void Add(ulong value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        this.WriteSeries(tags);
        this.Advance(value.TryFormat(this.Reserve(20), out var n, default, CultureInfo.InvariantCulture), n);
        this.EndLine();
    }

    public void Add(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        this.WriteSeries(tags);
        if (double.IsPositiveInfinity(value))
        {
            this.WriteRaw("+Inf"u8);
        }
        else if (double.IsNegativeInfinity(value))
        {
            this.WriteRaw("-Inf"u8);
        }
        else
        {
            // The shortest text that reads back as the same double; NaN is written "NaN", as the format wants.
            this.Advance(value.TryFormat(this.Reserve(32), out var n, default, CultureInfo.InvariantCulture), n);
        }

        this.EndLine();
    }

    /// <summary>Hands what is buffered to the output.</summary>
    public void Drain()
    {
        if (this.used == 0)
        {
            return;
        }

        output.Write(this.chunk.AsSpan(0, this.used));
        this.Written += this.used;
        this.used = 0;
    }

    private void WriteSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        this.WriteRaw(this.sampleName);
        if (tags.Length > 0)
        {
            this.WriteRaw("{"u8);
            for (var i = 0; i < tags.Length; i++)
            {
                if (i > 0)
                {
                    this.WriteRaw(","u8);
                }

                this.WriteUtf8(tags[i].Key);
                this.WriteRaw("=\""u8);
                this.WriteLabelValue(tags[i].Value as string ?? Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "");
                this.WriteRaw("\""u8);
            }

            this.WriteRaw("}"u8);
        }

        this.WriteRaw(" "u8);
    }

    private void EndLine() => this.WriteRaw("\n"u8);

    /// <summary>A label value with backslash, double quote and line feed escaped, as both formats require.</summary>
    private void WriteLabelValue(string value)
    {
        var rest = value.AsSpan();
        int special;
        while ((special = rest.IndexOfAny('\\', '"', '\n')) >= 0)
        {
            this.WriteUtf8(rest[..special]);
            this.WriteRaw(rest[special] switch
            {
                '\\' => "\\\\"u8,
                '"' => "\\\""u8,
                _ => "\\n"u8,
            });
            rest = rest[(special + 1)..];
        }

        this.WriteUtf8(rest);
    }

    private void WriteUtf8(ReadOnlySpan<char> text)
    {
        // Reserve may drain the chunk, so the count is taken before it is added to what is used.
        var count = Encoding.UTF8.GetBytes(text, this.Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        this.used += count;
    }

    private void Advance(bool formatted, int count)
    {
        if (!formatted)
        {
            throw new InvalidOperationException("A number did not fit the space reserved for it.");
        }

        this.used += count;
    }

    private Span<byte> Reserve(int length)
    {
        if (this.used + length > this.chunk.Length)
        {
            this.Drain();
            if (length > this.chunk.Length)
            {
                this.chunk = new byte[length];
            }
        }

        return this.chunk.AsSpan(this.used);
    }
}
