using System.Text.Json;
using System.Text.RegularExpressions;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Acm;

/// <summary>
/// ACM <c>DescribeCertificate</c> (JSON 1.1, <c>X-Amz-Target: CertificateManager.DescribeCertificate</c>): a certificate of
/// the request's account, its status as of the simulated now (an issued certificate past <c>NotAfter</c> is <c>EXPIRED</c>).
/// Times are epoch seconds, as ACM writes them.
/// </summary>
internal sealed partial class DescribeCertificateAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "DescribeCertificate";

    private readonly FleetSimulation fleet;

    /// <summary>Describes the certificates of <paramref name="fleet"/>'s accounts.</summary>
    public DescribeCertificateAction(FleetSimulation fleet)
    {
        this.fleet = fleet;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Acm;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arn = request.Get("CertificateArn")
            ?? throw new QueryErrorException(new(400, "ValidationException", "1 validation error detected: Value null at 'certificateArn' failed to satisfy constraint: Member must not be null"));
        if (!ArnPattern().IsMatch(arn))
        {
            throw new QueryErrorException(new(400, "InvalidArnException", $"The certificate ARN {arn} is not valid."));
        }

        // Rendered under the fleet lock: the certificate can change through the control API.
        var body = this.fleet.ObserveCertificate(request.AccountId, arn, (now, certificate) => certificate is null ? null : Render(certificate, now))
            ?? throw new QueryErrorException(new(400, "ResourceNotFoundException", $"Could not find certificate {arn}."));
        return new JsonQueryResult(writer => writer.WriteRawValue(body, skipInputValidation: true));
    }

    private static byte[] Render(AcmCertificate certificate, long nowMs)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("Certificate");
            writer.WriteString("CertificateArn", certificate.Arn);
            writer.WriteString("DomainName", certificate.DomainName);
            writer.WriteStartArray("SubjectAlternativeNames");
            writer.WriteStringValue(certificate.DomainName);
            writer.WriteEndArray();
            writer.WriteString("Serial", certificate.Serial);
            writer.WriteString("Subject", certificate.Subject);
            writer.WriteString("Issuer", certificate.Issuer);
            WriteTime(writer, "CreatedAt", certificate.CreatedAtMs);
            WriteTime(writer, certificate.Type == "IMPORTED" ? "ImportedAt" : "IssuedAt", certificate.CreatedAtMs);
            writer.WriteString("Status", certificate.StatusAt(nowMs));
            WriteTime(writer, "NotBefore", certificate.NotBeforeMs);
            WriteTime(writer, "NotAfter", certificate.NotAfterMs);
            writer.WriteString("KeyAlgorithm", "RSA_2048");
            writer.WriteString("SignatureAlgorithm", "SHA256WITHRSA");
            writer.WriteStartArray("InUseBy");
            foreach (var user in certificate.InUseBy)
            {
                writer.WriteStringValue(user);
            }

            writer.WriteEndArray();
            writer.WriteString("Type", certificate.Type);
            writer.WriteString("RenewalEligibility", certificate.RenewalEligibility);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // JSON 1.1 timestamps are epoch seconds; the simulator's are whole milliseconds, so a decimal is exact.
    private static void WriteTime(Utf8JsonWriter writer, string name, long unixMs) => writer.WriteNumber(name, unixMs / 1000m);

    [GeneratedRegex(@"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/[A-Za-z0-9-]+$")]
    private static partial Regex ArnPattern();
}
