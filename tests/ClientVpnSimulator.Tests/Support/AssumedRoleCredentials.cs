using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>
/// The SDK's credential flow for an assumed role (as the exporter uses it): the SDK asks for new credentials
/// when the ones it holds reach their expiration, and this asks STS — here the simulator's.
/// </summary>
public sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService _sts;
    private readonly string _roleArn;
    private int _renewals;

    public AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn)
    {
        _sts = sts;
        _roleArn = roleArn;
        PreemptExpiryTime = TimeSpan.Zero;
    }

    public int Renewals => Volatile.Read(ref _renewals);

    protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await _sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = _roleArn, RoleSessionName = "simulator-tests" });
        Interlocked.Increment(ref _renewals);
        var credentials = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration!.Value.ToUniversalTime());
    }
}
