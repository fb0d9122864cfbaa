namespace ClientVpnExporter.Health;

/// <summary>
/// Learns from a real call whether the exporter may call an IAM action: ACM and IAM have no DryRun, so their
/// permission is known only from the outcome of the health loop's own calls (<c>clientvpn_exporter_permission_ok</c>).
/// </summary>
internal interface IPermissionObserver
{
    /// <summary>A call of <paramref name="action"/> (e.g. <c>acm:DescribeCertificate</c>) in <paramref name="target"/> was <paramref name="allowed"/> or denied.</summary>
    void Observed(Aws.AwsTarget target, string action, bool allowed);
}
