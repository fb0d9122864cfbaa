namespace ClientVpnExporter.Health;

/// <summary>One IAM SAML provider of a federated endpoint, from <c>iam:GetSAMLProvider</c>.</summary>
/// <param name="Provider">Which provider of the endpoint: <see cref="Saml"/> or <see cref="SelfServiceSaml"/>.</param>
/// <param name="Arn">The provider's ARN, as the endpoint names it.</param>
/// <param name="ValidUntil">When its metadata (the identity provider's certificate) expires; null when IAM gave none.</param>
internal sealed record SamlProviderReading(string Provider, string Arn, DateTimeOffset? ValidUntil)
{
    /// <summary>The <c>provider</c> label of the endpoint's <c>samlProviderArn</c>.</summary>
    public const string Saml = "saml";

    /// <summary>The <c>provider</c> label of the endpoint's <c>selfServiceSamlProviderArn</c>.</summary>
    public const string SelfServiceSaml = "self_service_saml";
}
