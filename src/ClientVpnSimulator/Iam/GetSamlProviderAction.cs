using System.Text.RegularExpressions;
using ClientVpnSimulator.Clock;
using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Iam;

/// <summary>
/// IAM <c>GetSAMLProvider</c> (Query protocol, <c>Version=2010-05-08</c>): a SAML provider of the request's account with
/// its <c>ValidUntil</c> and <c>CreateDate</c>, in IAM's namespace.
/// </summary>
internal sealed partial class GetSamlProviderAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "GetSAMLProvider";

    private readonly FleetSimulation fleet;

    /// <summary>Reads the SAML providers of <paramref name="fleet"/>'s accounts.</summary>
    public GetSamlProviderAction(FleetSimulation fleet)
    {
        this.fleet = fleet;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Iam;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arn = request.Get("SAMLProviderArn")
            ?? throw new QueryErrorException(QueryError.ValidationError("sAMLProviderArn", null, "Member must not be null"));
        if (!ArnPattern().IsMatch(arn))
        {
            throw new QueryErrorException(new(400, "InvalidInput", $"ARN {arn} is not valid."));
        }

        var provider = this.fleet.ObserveSamlProvider<(string MetadataDocument, long CreateDateMs, long ValidUntilMs)?>(
            request.AccountId, arn, (_, p) => p is null ? null : (p.MetadataDocument, p.CreateDateMs, p.ValidUntilMs))
            ?? throw new QueryErrorException(new(404, "NoSuchEntity", $"SAMLProvider {arn} does not exist."));
        return new XmlQueryResult(writer => QueryXml.WriteResponse(writer, AwsService.Iam, ActionName, request.RequestId, result =>
        {
            result.WriteElementString("SAMLMetadataDocument", provider.MetadataDocument);
            result.WriteElementString("CreateDate", QueryXml.Time(DateTimeOffset.FromUnixTimeMilliseconds(SimulatedTime.FloorToSecond(provider.CreateDateMs))));
            result.WriteElementString("ValidUntil", QueryXml.Time(DateTimeOffset.FromUnixTimeMilliseconds(SimulatedTime.FloorToSecond(provider.ValidUntilMs))));
        }));
    }

    [GeneratedRegex(@"^arn:aws[a-z-]*:iam::\d{12}:saml-provider/[\w+=,.@-]+$")]
    private static partial Regex ArnPattern();
}
