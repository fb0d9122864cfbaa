namespace ClientVpnSimulator.Health;

/// <summary>An IAM SAML provider, as <c>GetSAMLProvider</c> shows it. Changed only through the control API, under the fleet lock.</summary>
internal sealed class SamlProvider
{
    /// <summary>The provider's ARN.</summary>
    public required string Arn { get; init; }

    /// <summary>When it was created.</summary>
    public required long CreateDateMs { get; init; }

    /// <summary>When its metadata (the IdP's signing certificate) stops being valid.</summary>
    public required long ValidUntilMs { get; set; }

    /// <summary>The metadata document uploaded.</summary>
    public required string MetadataDocument { get; init; }
}
