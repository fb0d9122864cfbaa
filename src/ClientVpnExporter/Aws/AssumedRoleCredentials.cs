using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace ClientVpnExporter.Aws;

/// <summary>
/// Temporary credentials of an assumed IAM role, renewed with STS before they expire. The SDK has
/// AssumeRoleAWSCredentials, but it builds its own STS client, which could not be pointed at a VPC
/// endpoint or the simulator; this one uses the exporter's STS client.
/// </summary>
internal sealed class AssumedRoleCredentials : RefreshingAWSCredentials
{
    private readonly IAmazonSecurityTokenService sts;
    private readonly string roleArn;
    private readonly string sessionName;
    private readonly string? externalId;

    public AssumedRoleCredentials(IAmazonSecurityTokenService sts, string roleArn, string sessionName, string? externalId)
    {
        this.sts = sts;
        this.roleArn = roleArn;
        this.sessionName = sessionName;
        this.externalId = externalId;

        // Renew well before expiry so a poll never starts with credentials about to lapse.
        this.PreemptExpiryTime = TimeSpan.FromMinutes(10);
    }

    protected override CredentialsRefreshState GenerateNewCredentials() =>
        this.GenerateNewCredentialsAsync().GetAwaiter().GetResult();

    protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
    {
        var response = await this.sts.AssumeRoleAsync(new AssumeRoleRequest
        {
            RoleArn = this.roleArn,
            RoleSessionName = this.sessionName,
            ExternalId = this.externalId,
            DurationSeconds = 3600,
        });
        var credentials = response.Credentials;
        return new CredentialsRefreshState(
            new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            credentials.Expiration?.ToUniversalTime() ?? DateTime.UtcNow.AddMinutes(15));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.sts.Dispose();
        }

        base.Dispose(disposing);
    }
}
