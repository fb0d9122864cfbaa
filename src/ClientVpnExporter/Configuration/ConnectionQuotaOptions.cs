namespace ClientVpnExporter.Configuration;

/// <summary>
/// Raised concurrent-connection quotas (<c>ClientVpn:ConnectionQuota</c>), for endpoints whose quota AWS raised above
/// what their associated subnets give. Unset: the quota follows the associated subnets.
/// </summary>
public sealed class ConnectionQuotaOptions
{
    /// <summary>The largest quota that may be configured.</summary>
    public const int MaxQuota = 10_000_000;

    /// <summary>The quota of every endpoint not listed in <see cref="Endpoints"/>.</summary>
    public int? AllEndpoints { get; set; }

    /// <summary>The quota of each endpoint by id (<c>ClientVpn:ConnectionQuota:Endpoints:cvpn-endpoint-…=200000</c>).</summary>
    public Dictionary<string, int> Endpoints { get; set; } = [];
}
