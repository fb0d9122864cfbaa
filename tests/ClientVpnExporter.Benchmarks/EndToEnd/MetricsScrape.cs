using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace ClientVpnExporter.Benchmarks.EndToEnd;

/// <summary>
/// One <c>GET /metrics</c> in the text format, with gzip asked as Prometheus asks or not, read as a stream without
/// keeping the body (it reaches hundreds of megabytes with per-connection detail) and decompressed as it arrives: how
/// long it took to the last byte, its size decoded and on the wire, how many samples it has, whether an overflow
/// series appeared, and the exporter's own <c>clientvpn_exporter_*</c> samples and the runtime's allocation counter.
/// </summary>
internal sealed record MetricsScrape(int Status, TimeSpan Latency, long Bytes, long WireBytes, long Samples, bool Overflow, IReadOnlyList<(string Name, double Value)> SelfSamples)
{
    /// <summary>The runtime's count of bytes allocated since the process started.</summary>
    public const string AllocatedBytes = "dotnet_gc_heap_total_allocated_bytes_total";

    /// <summary>The runtime's total time paused for garbage collection since the process started.</summary>
    public const string GcPauseSeconds = "dotnet_gc_pause_time_seconds_total";

    private static readonly byte[] OverflowBytes = Encoding.ASCII.GetBytes("otel_metric_overflow");
    private static readonly byte[][] SelfPrefixes = [Encoding.ASCII.GetBytes("clientvpn_exporter_"), Encoding.ASCII.GetBytes(AllocatedBytes), Encoding.ASCII.GetBytes(GcPauseSeconds)];

    /// <summary>
    /// Seconds the exporter was paused for garbage collection from this scrape's reading of its counter (at the start of
    /// its answer) to the same scraper's next scrape's: the pauses this scrape could have waited on. Null for a scraper's last.
    /// </summary>
    public double? GcPauseUntilNext { get; init; }

    public bool Succeeded => this.Status == 200;

    /// <summary>The sum of every sample of the metric <paramref name="name"/> (over its label sets).</summary>
    public double Sum(string name) => this.SelfSamples.Where(s => s.Name == name).Sum(s => s.Value);

    public static async Task<MetricsScrape> GetAsync(HttpClient http, bool gzip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("metrics", UriKind.Relative));
        if (gzip)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var gzipped = response.Content.Headers.ContentEncoding.Contains("gzip");
        await using var wire = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var body = gzipped ? new GZipStream(wire, CompressionMode.Decompress) : wire;

        var buffer = new byte[1 << 16];
        var line = new List<byte>(256);
        var selfSamples = new List<(string, double)>();
        long bytes = 0, samples = 0;
        var overflow = false;
        var atLineStart = true;
        var capturing = false;
        var carry = Array.Empty<byte>();
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            bytes += read;
            var chunk = buffer.AsSpan(0, read);
            overflow |= chunk.IndexOf(OverflowBytes) >= 0 || ContainsAcross(carry, chunk);
            carry = chunk[Math.Max(0, read - OverflowBytes.Length)..].ToArray();
            while (chunk.Length > 0)
            {
                if (atLineStart)
                {
                    atLineStart = false;
                    if (chunk[0] != (byte)'#' && chunk[0] != (byte)'\n')
                    {
                        samples++;

                        // Decided here when the chunk holds the prefix, else (rarely) at the end of the line.
                        capturing = MayStartSelfSample(chunk);
                    }
                }

                var newline = chunk.IndexOf((byte)'\n');
                if (capturing)
                {
                    line.AddRange(newline < 0 ? chunk : chunk[..newline]);
                }

                if (newline < 0)
                {
                    break;
                }

                if (capturing && SelfPrefixes.Any(line.AsSpanStartsWith) && ParseSample(line) is { } sample)
                {
                    selfSamples.Add(sample);
                }

                line.Clear();
                capturing = false;
                atLineStart = true;
                chunk = chunk[(newline + 1)..];
            }
        }

        var wireBytes = gzipped ? response.Content.Headers.ContentLength ?? 0 : bytes;
        return new MetricsScrape((int)response.StatusCode, clock.Elapsed, bytes, wireBytes, samples, overflow, selfSamples);
    }

    private static bool MayStartSelfSample(ReadOnlySpan<byte> chunk)
    {
        foreach (var prefix in SelfPrefixes)
        {
            if (chunk.Length < prefix.Length ? chunk[0] == prefix[0] : chunk.StartsWith(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private static bool ContainsAcross(byte[] carry, ReadOnlySpan<byte> chunk)
    {
        if (carry.Length == 0)
        {
            return false;
        }

        var joined = new byte[carry.Length + Math.Min(chunk.Length, OverflowBytes.Length)];
        carry.CopyTo(joined, 0);
        chunk[..(joined.Length - carry.Length)].CopyTo(joined.AsSpan(carry.Length));
        return joined.AsSpan().IndexOf(OverflowBytes) >= 0;
    }

    /// <summary><c>name{labels} value [timestamp]</c> → (name, value).</summary>
    private static (string Name, double Value)? ParseSample(List<byte> line)
    {
        var text = Encoding.UTF8.GetString([.. line]);
        var brace = text.IndexOf('{', StringComparison.Ordinal);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var nameEnd = brace >= 0 && (space < 0 || brace < space) ? brace : space;
        var valueStart = brace >= 0 && brace == nameEnd ? text.IndexOf("} ", brace, StringComparison.Ordinal) + 2 : space + 1;
        if (nameEnd <= 0 || valueStart <= 1)
        {
            return null;
        }

        var value = text[valueStart..].Split(' ')[0];
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? (text[..nameEnd], parsed) : null;
    }
}

internal static class ByteListExtensions
{
    public static bool AsSpanStartsWith(this List<byte> list, byte[] prefix) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list).StartsWith(prefix);
}
