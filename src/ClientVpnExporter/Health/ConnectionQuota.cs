namespace ClientVpnExporter.Health;

/// <summary>
/// An endpoint's concurrent-connection quota. AWS sets it by the number of associated subnets (1 → 7,000, 2 → 36,500,
/// 3 → 66,500, 4 → 96,500, 5 or more → 126,000); an endpoint with none associated accepts no one. A raised quota is
/// configured (<see cref="Configuration.ConnectionQuotaOptions"/>): for one endpoint, else for all, and replaces AWS's
/// number while at least one subnet is associated.
/// </summary>
internal static class ConnectionQuota
{
    private static readonly long[] BySubnets = [0, 7_000, 36_500, 66_500, 96_500, 126_000];

    /// <summary>The quota AWS gives an endpoint with <paramref name="associatedSubnets"/> subnets associated.</summary>
    public static long FromAssociatedSubnets(int associatedSubnets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(associatedSubnets);
        return BySubnets[Math.Min(associatedSubnets, BySubnets.Length - 1)];
    }

    /// <summary>
    /// The quota of <paramref name="endpointId"/>: 0 with no associated subnet; else its override, else every endpoint's,
    /// else <see cref="FromAssociatedSubnets"/>. <paramref name="associatedSubnets"/> is null while the associations are
    /// not known (not read yet, or not permitted): then only an override is known, and without one, nothing.
    /// </summary>
    public static long? Of(string endpointId, int? associatedSubnets, Configuration.ConnectionQuotaOptions overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (associatedSubnets == 0)
        {
            return 0;
        }

        long? configured = overrides.Endpoints.TryGetValue(endpointId, out var own) ? own : overrides.AllEndpoints;
        return configured ?? (associatedSubnets is { } count ? FromAssociatedSubnets(count) : null);
    }
}
