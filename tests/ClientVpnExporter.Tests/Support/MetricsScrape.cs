using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;

namespace ClientVpnExporter.Tests.Support;

/// <summary>A GET of <c>/metrics</c> as a scraper makes it: in either format, with or without gzip, decoded by .NET's reader.</summary>
internal static class MetricsScrape
{
    /// <summary>What Prometheus sends first in its Accept header.</summary>
    public const string OpenMetrics = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    public static async Task<(string Text, string? ContentEncoding)> GetAsync(HttpClient http, bool openMetrics, bool gzip)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (openMetrics)
        {
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(OpenMetrics));
        }

        if (gzip)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        if (encoding != "gzip")
        {
            return (Encoding.UTF8.GetString(body), encoding);
        }

        return (Encoding.UTF8.GetString(Gunzip(body)), encoding);
    }

    /// <summary>
    /// Every member of <paramref name="compressed"/>, decompressed: GZipStream reads every member of a multi-member file,
    /// as Go's gzip reader (Prometheus) does.
    /// </summary>
    public static byte[] Gunzip(byte[] compressed)
    {
        using var reader = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var decoded = new MemoryStream();
        reader.CopyTo(decoded);
        return decoded.ToArray();
    }

    /// <summary>How many times <paramref name="part"/> occurs in <paramref name="text"/>.</summary>
    public static int CountOf(string text, string part)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
