namespace ClientVpnSimulator.Accounts;

/// <summary>Temporary credentials the simulator's STS issued for an assumed role, and the session they stand for.</summary>
/// <param name="AccessKeyId">The access key id, <c>ASIA</c> and 16 characters.</param>
/// <param name="SecretAccessKey">The secret key.</param>
/// <param name="SessionToken">The session token.</param>
/// <param name="Expiration">When they stop working, in real time, whole seconds.</param>
/// <param name="Role">The role assumed.</param>
/// <param name="SessionName">The <c>RoleSessionName</c> asked for.</param>
/// <param name="AssumedRoleId">The role's unique id, a colon and the session name.</param>
internal sealed record IssuedCredential(
    string AccessKeyId,
    string SecretAccessKey,
    string SessionToken,
    DateTimeOffset Expiration,
    RoleArn Role,
    string SessionName,
    string AssumedRoleId)
{
    /// <summary>The account of the role, which requests signed with these credentials act in.</summary>
    public string AccountId => this.Role.AccountId;

    /// <summary>The session's principal, <c>arn:aws:sts::ACCOUNT:assumed-role/NAME/SESSION</c>.</summary>
    public string AssumedRoleArn => $"arn:{this.Role.Partition}:sts::{this.Role.AccountId}:assumed-role/{this.Role.Name}/{this.SessionName}";
}
