using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// Applies the <see cref="PrivacyOptions"/> to label values. Hashes are cached, since the same users and
/// addresses come back on every scrape; the cache is cleared when it grows past a bound so churn cannot grow it.
/// Prefixes are cheap to compute and are not.
/// </summary>
internal sealed class PrivateLabels
{
    private const int CacheLimit = 200_000;
    private const int HashHexLength = 16;

    private readonly PrivacyOptions options;
    private readonly byte[]? key;
    private readonly ConcurrentDictionary<string, string> hashes = new(StringComparer.Ordinal);
    private int hashesAdded;

    public PrivateLabels(PrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.key = options.HashKey is { Length: > 0 } secret ? Encoding.UTF8.GetBytes(secret) : null;
    }

    public string User(string value) => this.Apply(this.options.User, value);

    public string CommonName(string? value) => value is null ? "" : this.Apply(this.options.CommonName, value);

    public string ClientIp(string? value) => value is null ? "" : this.Apply(this.options.ClientIp, value);

    private string Apply(LabelTreatment treatment, string value) => treatment switch
    {
        LabelTreatment.Keep => value,
        LabelTreatment.Drop => "",
        LabelTreatment.Hash => this.Hash(value),
        LabelTreatment.Prefix => this.Prefix(value),
        _ => throw new ArgumentOutOfRangeException(nameof(treatment), treatment, null),
    };

    private string Hash(string value)
    {
        if (this.hashes.TryGetValue(value, out var hash))
        {
            return hash;
        }

        // ConcurrentDictionary.Count takes every lock of the dictionary; a count of additions bounds it as well.
        if (Interlocked.Increment(ref this.hashesAdded) > CacheLimit)
        {
            this.hashes.Clear();
            Interlocked.Exchange(ref this.hashesAdded, 1);
        }

        var mac = HMACSHA256.HashData(this.key ?? throw new InvalidOperationException("Privacy:HashKey is not set."), Encoding.UTF8.GetBytes(value));
        hash = Convert.ToHexStringLower(mac, 0, HashHexLength / 2);
        this.hashes[value] = hash;
        return hash;
    }

    private string Prefix(string value)
    {
        if (!IPAddress.TryParse(value, out var address))
        {
            // Not an address: nothing safe to cut, so nothing is shown.
            return "";
        }

        var bits = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? this.options.IPv6PrefixLength : this.options.IPv4PrefixLength;
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(bits - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{new IPAddress(bytes)}/{bits}");
    }
}
