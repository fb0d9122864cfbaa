namespace ClientVpnSimulator.Control;

/// <summary>The body of <c>POST /sim/saml-providers</c>: a SAML provider's new <c>ValidUntil</c>.</summary>
internal sealed record SamlProviderChange
{
    /// <summary>The provider's ARN.</summary>
    public string SamlProviderArn { get; set; } = string.Empty;

    /// <summary>When its metadata stops being valid.</summary>
    public DateTimeOffset ValidUntil { get; set; }
}
