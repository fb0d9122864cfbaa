namespace ClientVpnSimulator.Accounts;

/// <summary>Who signed a request, as far as the simulator can tell from the access key alone.</summary>
/// <param name="AccessKeyId">The access key in the signature; empty for an unsigned request.</param>
/// <param name="AccountId">The account the key belongs to.</param>
/// <param name="Session">The assumed-role session, for a key the simulator issued; null for any other key.</param>
internal sealed record Caller(string AccessKeyId, string AccountId, IssuedCredential? Session)
{
    /// <summary>The principal's ARN: the assumed-role session, or a stand-in IAM user of the account.</summary>
    public string Arn => this.Session?.AssumedRoleArn ?? $"arn:aws:iam::{this.AccountId}:user/clientvpn-simulator";
}
