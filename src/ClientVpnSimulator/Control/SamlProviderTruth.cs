namespace ClientVpnSimulator.Control;

/// <summary>An IAM SAML provider.</summary>
/// <param name="Arn">Its ARN.</param>
/// <param name="ValidUntil">When its metadata stops being valid, UTC.</param>
internal sealed record SamlProviderTruth(string Arn, DateTime ValidUntil);
