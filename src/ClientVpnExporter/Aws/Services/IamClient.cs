using System.Globalization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>IAM (global, signed for the partition's region) as seen from one target's credentials: the calls the exporter makes.</summary>
internal sealed class IamClient(QueryServiceClient query)
{
    /// <summary>
    /// IAM GetSAMLProvider: the SAML provider of <paramref name="samlProviderArn"/>. Throws <see cref="AwsServiceException"/>
    /// (<c>NoSuchEntity</c>, <c>InvalidInput</c>, <c>AccessDenied</c>...) when IAM refuses.
    /// </summary>
    public Task<SamlProvider> GetSamlProviderAsync(string samlProviderArn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samlProviderArn);
        return query.CallAsync(
            ServiceOperations.GetSamlProvider,
            [KeyValuePair.Create("SAMLProviderArn", samlProviderArn)],
            result => new SamlProvider(
                samlProviderArn,
                Date(QueryServiceClient.Child(result, "CreateDate")),
                Date(QueryServiceClient.Child(result, "ValidUntil")),
                QueryServiceClient.Child(result, "SAMLMetadataDocument")),
            cancellationToken);
    }

    /// <summary>An IAM <c>dateType</c>: ISO 8601 in UTC (<c>2026-12-01T14:00:00Z</c>); null when absent.</summary>
    private static DateTimeOffset? Date(string? text) =>
        text is null ? null
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date) ? date
        : throw new FormatException($"'{text}' is not an ISO 8601 date");
}
