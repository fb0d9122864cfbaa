namespace ClientVpnExporter.Health;

/// <summary>IAM's <c>GetSAMLProvider</c>, through one target's account.</summary>
internal interface ISamlProviderApi
{
    /// <summary>The provider's <c>ValidUntil</c> (null when IAM gave none); throws the AWS error when IAM refuses or fails.</summary>
    Task<DateTimeOffset?> ValidUntilAsync(Aws.AwsTarget target, string providerArn, CancellationToken cancellationToken);
}
