namespace ClientVpnSimulator.Tests.Support;

/// <summary>Ground truth's request counts: every action the simulator serves, each counted, zeros included.</summary>
public static class ActionCounts
{
    public static readonly string[] Served =
    [
        "AssumeRole", "DescribeCertificate", "DescribeClientVpnAuthorizationRules", "DescribeClientVpnConnections", "DescribeClientVpnEndpoints",
        "DescribeClientVpnRoutes", "DescribeClientVpnTargetNetworks", "DescribeRegions", "ExportClientVpnClientCertificateRevocationList", "FilterLogEvents",
        "GetCallerIdentity", "GetSAMLProvider", "ListAccounts", "ListChildren", "ListParents", "ListRoots", "ListTagsForResource",
    ];

    /// <summary>Every served action with zero, except those given.</summary>
    public static Dictionary<string, long> Of(params (string Action, long Count)[] counts)
    {
        var all = Served.ToDictionary(a => a, _ => 0L, StringComparer.Ordinal);
        foreach (var (action, count) in counts)
        {
            Assert.True(all.ContainsKey(action), $"{action} is not served");
            all[action] = count;
        }

        return all;
    }
}
