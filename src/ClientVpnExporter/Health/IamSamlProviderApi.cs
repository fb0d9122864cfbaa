using ClientVpnExporter.Aws;

namespace ClientVpnExporter.Health;

/// <summary>IAM's GetSAMLProvider through the target's signed IAM client (its credentials, budget and self metrics).</summary>
internal sealed class IamSamlProviderApi : ISamlProviderApi
{
    public async Task<DateTimeOffset?> ValidUntilAsync(AwsTarget target, string providerArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        return (await target.Services.Iam.GetSamlProviderAsync(providerArn, cancellationToken)).ValidUntil;
    }
}
