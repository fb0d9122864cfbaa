using System.Text.RegularExpressions;

namespace ClientVpnExporter.Aws;

/// <summary>Names of accounts and the account id a role ARN carries.</summary>
internal static partial class AwsAccounts
{
    /// <summary>The key of the account of the exporter's own credentials.</summary>
    public const string Default = "default";

    /// <summary>The 12-digit account id in a role ARN, or null when it is not one.</summary>
    public static string? AccountIdOf(string roleArn)
    {
        var match = RoleArnAccount().Match(roleArn ?? "");
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex("^arn:aws[a-z-]*:iam::([0-9]{12}):role/")]
    private static partial Regex RoleArnAccount();
}
