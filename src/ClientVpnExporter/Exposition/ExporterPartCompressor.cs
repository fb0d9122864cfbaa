using System.IO.Compression;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Compresses the Prometheus exporter's part of a gzip answer (self metrics, <c>build_info</c>, <c>target_info</c>:
/// a few kilobytes), reusing the last member of the format while the exporter answers the same bytes, as it does
/// for every scrape within its response cache (<c>ScrapeCacheDuration</c>): concurrent scrapes then compress it
/// once, and comparing a few kilobytes costs far less than compressing them.
/// </summary>
internal sealed class ExporterPartCompressor
{
    private readonly Compressed?[] last = new Compressed?[2];

    /// <summary>The gzip member of <paramref name="plain"/>, the exporter's part in <paramref name="format"/>.</summary>
    public byte[] Compress(ExpositionFormat format, ReadOnlySpan<byte> plain)
    {
        var slot = (int)format;
        if (Volatile.Read(ref this.last[slot]) is { } previous && plain.SequenceEqual(previous.Plain))
        {
            return previous.Gzip;
        }

        using var compressed = new MemoryStream(plain.Length / 2);
        using (var gzip = new GZipStream(compressed, new ZLibCompressionOptions { CompressionLevel = GzipMember.CompressionLevel }, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        var member = compressed.ToArray();
        Volatile.Write(ref this.last[slot], new Compressed(plain.ToArray(), member));
        return member;
    }

    private sealed record Compressed(byte[] Plain, byte[] Gzip);
}
