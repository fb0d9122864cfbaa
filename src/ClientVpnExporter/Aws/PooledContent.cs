using System.Buffers;
using System.Net;

namespace ClientVpnExporter.Aws;

/// <summary>
/// A response body read in full into a buffer rented from the shared pool, and returned to it when the response
/// is disposed. A page of 1000 connections is most of a megabyte: a fresh buffer for each would be a large-object
/// allocation per request, and those set off full garbage collections.
/// </summary>
internal sealed class PooledContent : HttpContent
{
    private const int InitialSize = 64 * 1024;

    private byte[]? buffer;
    private int length;

    private PooledContent(byte[] buffer, int length)
    {
        this.buffer = buffer;
        this.length = length;
    }

    /// <summary>Reads <paramref name="content"/> to its end and gives a copy that keeps its headers.</summary>
    public static async Task<PooledContent> ReadAsync(HttpContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var expected = content.Headers.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(expected is > 0 and < int.MaxValue ? (int)expected.Value : InitialSize);
        var length = 0;
        try
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken);
            await using (stream)
            {
                int read;
                do
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
                    length += read;
                }
                while (read > 0);
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var pooled = new PooledContent(buffer, length);
        foreach (var (name, values) in content.Headers)
        {
            pooled.Headers.TryAddWithoutValidation(name, values);
        }

        return pooled;
    }

    /// <summary>The body as read.</summary>
    public ReadOnlySpan<byte> Body => this.Buffer().AsSpan(0, this.length);

    /// <summary>Takes <paramref name="range"/> out of the body, in place, and sets the length header to match.</summary>
    public void Remove(Range range)
    {
        var (start, count) = range.GetOffsetAndLength(this.length);
        var buffer = this.Buffer();
        buffer.AsSpan(start + count, this.length - start - count).CopyTo(buffer.AsSpan(start));
        this.length -= count;
        this.Headers.ContentLength = this.length;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(this.Buffer(), 0, this.length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(this.Buffer().AsMemory(0, this.length), cancellationToken).AsTask();

    protected override Task<Stream> CreateContentReadStreamAsync() =>
        Task.FromResult<Stream>(new MemoryStream(this.Buffer(), 0, this.length, writable: false));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new MemoryStream(this.Buffer(), 0, this.length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        length = this.length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref this.buffer, null) is { } rented)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    private byte[] Buffer() => this.buffer ?? throw new ObjectDisposedException(nameof(PooledContent));
}
