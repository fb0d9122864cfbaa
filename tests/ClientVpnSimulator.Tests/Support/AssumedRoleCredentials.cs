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
    private readonly IAmazonSecurityTokenService sts;
    private readonly string roleArn;
    private int renewals;

    public AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn)
    {
        this.sts = sts;
        this.roleArn = roleArn;
        this.PreemptExpiryTime = TimeSpan.Zero;
    }

    public int Renewals => Volatile.Read(ref this.renewals);

    protected override CredentialsRefreshState GenerateNewCredentials() => this.GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await this.sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = this.roleArn, RoleSessionName = "simulator-tests" });
        Interlocked.Increment(ref this.renewals);
        var credentials = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration!.Value.ToUniversalTime());
    }
}
