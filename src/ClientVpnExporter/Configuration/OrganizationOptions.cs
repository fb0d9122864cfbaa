namespace ClientVpnExporter.Configuration;

/// <summary>
/// Reading every account of an AWS Organization instead of a list of roles: the accounts come from
/// <c>organizations:ListAccounts</c> (from the management account or a delegated administrator), narrowed by the filters
/// here, each read through the role <see cref="RoleName"/> in it, and the list is refreshed every <see cref="RefreshInterval"/>.
/// Mutually exclusive with <see cref="ExporterOptions.Accounts"/>.
/// </summary>
public sealed class OrganizationOptions
{
    /// <summary>The shortest refresh interval allowed.</summary>
    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>The longest refresh interval allowed.</summary>
    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromDays(1);

    /// <summary>Whether the accounts come from AWS Organizations.</summary>
    public bool Enabled { get; set; }

    /// <summary>The name of the role assumed in each account: <c>arn:aws:iam::{accountId}:role/{RoleName}</c> (a path may lead it: <c>ops/exporter</c>).</summary>
    public string RoleName { get; set; } = "";

    /// <summary>The external id the roles' trust policies require, if any.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The role session name, seen in CloudTrail.</summary>
    public string SessionName { get; set; } = "clientvpn-exporter";

    /// <summary>Only these account ids (12 digits). Empty: every active account.</summary>
    public List<string> AccountIds { get; set; } = [];

    /// <summary>Never these account ids (12 digits), whatever the other filters say.</summary>
    public List<string> ExcludeAccountIds { get; set; } = [];

    /// <summary>Only the accounts in these organizational units (<c>ou-…</c>) or below them. Empty: any.</summary>
    public List<string> OrganizationalUnits { get; set; } = [];

    /// <summary>Only the accounts with, for every key listed, one of its values (any value when the list is empty).</summary>
    public Dictionary<string, List<string>> AccountTags { get; set; } = [];

    /// <summary>How often the accounts (and, with <c>Regions: [all]</c>, their enabled regions) are read again.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>A role to read Organizations through (the management account's or a delegated administrator's). Null: the exporter's own credentials.</summary>
    public string? ManagementRoleArn { get; set; }
}
