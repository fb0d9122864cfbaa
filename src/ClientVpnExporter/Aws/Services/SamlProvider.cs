namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// What IAM GetSAMLProvider says of one SAML identity provider: when it was created, when IAM stops trusting it
/// (<c>ValidUntil</c>, null when IAM gives none) and the metadata document it holds (with the IdP's signing
/// certificates).
/// </summary>
internal sealed record SamlProvider(string Arn, DateTimeOffset? CreateDate, DateTimeOffset? ValidUntil, string? MetadataDocument);
