namespace ClientVpnExporter.Aws;

/// <summary>Gives the accounts and regions the exporter reads, each with its EC2 client.</summary>
internal interface IEc2ClientSource
{
    IReadOnlyList<AwsTarget> Targets { get; }

    /// <summary>
    /// The 12-digit id of the target's account: from the role ARN, or asked of STS (GetCallerIdentity, which
    /// needs no permission) for the exporter's own account. Empty while it cannot be found; asked again later.
    /// </summary>
    Task<string> AccountIdAsync(AwsTarget target, CancellationToken cancellationToken);
}
