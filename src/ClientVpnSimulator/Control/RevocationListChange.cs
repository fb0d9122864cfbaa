namespace ClientVpnSimulator.Control;

/// <summary>The body of <c>PUT /sim/endpoints/{id}/crl</c>: the CRL to import, as if a new one had been signed and imported.</summary>
internal sealed record RevocationListChange
{
    /// <summary>The CRL's <c>nextUpdate</c>; it may be in the past (an expired CRL).</summary>
    public DateTimeOffset NextUpdate { get; set; }

    /// <summary>The CRL's <c>thisUpdate</c>, before <see cref="NextUpdate"/>; absent: 30 days before it.</summary>
    public DateTimeOffset? ThisUpdate { get; set; }

    /// <summary>The revoked serials, hexadecimal; each revoked at <see cref="ThisUpdate"/>.</summary>
    public IReadOnlyList<string> RevokedSerials { get; set; } = [];

    /// <summary>The CRL's <c>status/code</c>: <c>active</c> (default) or <c>pending</c>.</summary>
    public string Status { get; set; } = "active";
}
