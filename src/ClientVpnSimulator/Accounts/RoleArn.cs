namespace ClientVpnSimulator.Accounts;

/// <summary>An IAM role ARN, <c>arn:aws:iam::123456789012:role/optional/path/Name</c>.</summary>
/// <param name="Arn">The whole ARN.</param>
/// <param name="Partition">The partition, such as <c>aws</c>.</param>
/// <param name="AccountId">The 12-digit account that owns the role.</param>
/// <param name="Name">The role name: the last part of the path.</param>
internal sealed record RoleArn(string Arn, string Partition, string AccountId, string Name)
{
    /// <summary>Reads a role ARN; false for anything else.</summary>
    public static bool TryParse(string? text, out RoleArn role)
    {
        role = null!;
        var parts = text?.Split(':');
        if (parts is not { Length: 6 } || parts[0] != "arn" || !parts[1].StartsWith("aws", StringComparison.Ordinal)
            || parts[2] != "iam" || parts[3].Length != 0 || !AccountDirectory.IsAccountId(parts[4])
            || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            return false;
        }

        var name = parts[5][(parts[5].LastIndexOf('/') + 1)..];
        if (name.Length == 0)
        {
            return false;
        }

        role = new RoleArn(text!, parts[1], parts[4], name);
        return true;
    }
}
