using System.IO.Compression;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// One gzip member (RFC 1952) of a rendering, or several back to back (<see cref="Join"/>), held in fixed-size segments
/// rather than one array: memory is the compressed size plus at most one segment per member, never the doubling and
/// final copy of a growing buffer, and each segment stays below the large object heap's threshold, so the compacting
/// collection after a poll can move it. Joined members share their segments: joining copies no byte.
/// </summary>
internal sealed class GzipMember
{
    /// <summary>The zlib level: 1, the fastest, spends the least of a poll's CPU (docs/performance.md, "A scrape costs almost nothing").</summary>
    public const int CompressionLevel = 1;

    /// <summary>Below the 85,000 bytes from which an array goes to the large object heap.</summary>
    private const int SegmentSize = 64 * 1024;

    private readonly ReadOnlyMemory<byte>[] segments;

    private GzipMember(ReadOnlyMemory<byte>[] segments)
    {
        this.segments = segments;
        this.Length = segments.Sum(s => (long)s.Length);
    }

    /// <summary>The member's size in bytes, as sent.</summary>
    public long Length { get; }

    /// <summary>Compresses <paramref name="chunks"/> (each valid until the next is asked for) into one member.</summary>
    public static GzipMember Compress(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var sink = new SegmentSink();
        using (var gzip = new GZipStream(sink, new ZLibCompressionOptions { CompressionLevel = CompressionLevel }, leaveOpen: true))
        {
            foreach (var chunk in chunks)
            {
                gzip.Write(chunk.Span);
            }
        }

        return new GzipMember([.. sink.Segments.Select((segment, i) => segment.AsMemory(0, i == sink.Segments.Count - 1 ? sink.LastLength : SegmentSize))]);
    }

    /// <summary>
    /// <paramref name="members"/> back to back, as one answer: decoders read consecutive members as one stream
    /// (RFC 1952 §2.2; Go's, .NET's and zlib's gunzip do), so what it decompresses to is theirs, concatenated.
    /// </summary>
    public static GzipMember Join(IEnumerable<GzipMember> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return new GzipMember([.. members.SelectMany(m => m.segments)]);
    }

    /// <summary>Sends the member as it is, segment by segment.</summary>
    public async Task WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var segment in this.segments)
        {
            await output.WriteAsync(segment, cancellationToken);
        }
    }

    /// <summary>
    /// Sends what the member decompresses to: a plain answer without a second, uncompressed copy of the rendering
    /// (inflating costs a fraction of rendering again, and memory stays one buffer).
    /// </summary>
    public async Task WriteDecompressedToAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var gzip = new GZipStream(new SegmentSource(this), CompressionMode.Decompress);
        await gzip.CopyToAsync(output, SegmentSize, cancellationToken);
    }

    /// <summary>A write-only stream that appends to segments of <see cref="SegmentSize"/>.</summary>
    private sealed class SegmentSink : Stream
    {
        public List<byte[]> Segments { get; } = [];

        /// <summary>How much of the last segment is used.</summary>
        public int LastLength { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            while (buffer.Length > 0)
            {
                if (this.Segments.Count == 0 || this.LastLength == SegmentSize)
                {
                    this.Segments.Add(new byte[SegmentSize]);
                    this.LastLength = 0;
                }

                var count = Math.Min(buffer.Length, SegmentSize - this.LastLength);
                buffer[..count].CopyTo(this.Segments[^1].AsSpan(this.LastLength));
                this.LastLength += count;
                buffer = buffer[count..];
            }
        }

        public override void Write(byte[] buffer, int offset, int count) => this.Write(buffer.AsSpan(offset, count));

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }

    /// <summary>A read-only stream over a member's segments, from the start.</summary>
    private sealed class SegmentSource(GzipMember member) : Stream
    {
        private int segment;
        private int offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => member.Length;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(Span<byte> buffer)
        {
            while (this.segment < member.segments.Length)
            {
                var rest = member.segments[this.segment].Span[this.offset..];
                if (rest.Length == 0)
                {
                    this.segment++;
                    this.offset = 0;
                    continue;
                }

                var count = Math.Min(rest.Length, buffer.Length);
                rest[..count].CopyTo(buffer);
                this.offset += count;
                return count;
            }

            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => this.Read(buffer.AsSpan(offset, count));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(this.Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(this.Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
