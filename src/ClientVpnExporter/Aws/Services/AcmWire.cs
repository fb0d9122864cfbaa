using System.Text.Json.Serialization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>ACM's JSON shapes the exporter sends and reads (botocore's acm service-2.json), only the members it uses.</summary>
internal static class AcmWire
{
    internal sealed class DescribeCertificateRequest
    {
        public required string CertificateArn { get; init; }
    }

    internal sealed class DescribeCertificateResponse
    {
        public CertificateDetail? Certificate { get; init; }
    }

    internal sealed class CertificateDetail
    {
        public string? CertificateArn { get; init; }

        public string? DomainName { get; init; }

        public string? Status { get; init; }

        public string? Type { get; init; }

        public string? RenewalEligibility { get; init; }

        [JsonConverter(typeof(EpochSecondsConverter))]
        public DateTimeOffset? NotBefore { get; init; }

        [JsonConverter(typeof(EpochSecondsConverter))]
        public DateTimeOffset? NotAfter { get; init; }

        public List<string>? InUseBy { get; init; }
    }
}
