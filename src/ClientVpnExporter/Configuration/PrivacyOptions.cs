namespace ClientVpnExporter.Configuration;

/// <summary>What to do with a label that carries personal data.</summary>
public enum LabelTreatment
{
    /// <summary>Export the value as the API returns it.</summary>
    Keep,

    /// <summary>Export a keyed hash (HMAC-SHA256 with <see cref="PrivacyOptions.HashKey"/>): stable, not reversible.</summary>
    Hash,

    /// <summary>Export an empty value.</summary>
    Drop,

    /// <summary>Client IPs only: export the network prefix (<c>203.0.113.0/24</c>, <c>2001:db8:1:2::/64</c>).</summary>
    Prefix,
}

/// <summary>
/// How usernames, certificate common names and client IPs (personal data) appear in labels. Defaults keep
/// who connected, which a security team needs to act, and cut client IPs to a /24 or /64, which is enough to
/// tell networks apart without locating a person.
/// </summary>
public sealed class PrivacyOptions
{
    /// <summary>The <c>user</c> label (Username, else CommonName).</summary>
    public LabelTreatment User { get; set; } = LabelTreatment.Keep;

    /// <summary>The <c>common_name</c> label of per-connection series.</summary>
    public LabelTreatment CommonName { get; set; } = LabelTreatment.Keep;

    /// <summary>The <c>client_ip</c> and <c>client_ipv6</c> labels of per-connection series.</summary>
    public LabelTreatment ClientIp { get; set; } = LabelTreatment.Prefix;

    /// <summary>Prefix length kept of an IPv4 client address with <see cref="LabelTreatment.Prefix"/>.</summary>
    public int IPv4PrefixLength { get; set; } = 24;

    /// <summary>Prefix length kept of an IPv6 client address with <see cref="LabelTreatment.Prefix"/>.</summary>
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>
    /// The secret key of <see cref="LabelTreatment.Hash"/>, at least 16 characters. Keep it out of files in
    /// source control: set it through the environment (<c>ClientVpn__Privacy__HashKey</c>) or a mounted secret.
    /// It never appears in logs or metrics.
    /// </summary>
    public string? HashKey { get; set; }
}
