using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Health;

namespace ClientVpnSimulator.Protocol;

/// <summary>
/// <c>ExportClientVpnClientCertificateRevocationList</c>: the endpoint's CRL as a signed PEM and its <c>status/code</c>;
/// for an endpoint with no CRL imported, an answer with neither, as AWS gives.
/// </summary>
internal sealed class ExportClientVpnClientCertificateRevocationListAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "ExportClientVpnClientCertificateRevocationList";

    private readonly FleetSimulation fleet;
    private readonly RevocationListSigner signer;

    /// <summary>Exports the CRLs of <paramref name="fleet"/>'s endpoints, signed by <paramref name="signer"/>.</summary>
    public ExportClientVpnClientCertificateRevocationListAction(FleetSimulation fleet, RevocationListSigner signer)
    {
        this.fleet = fleet;
        this.signer = signer;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Ec2;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpointId = request.Get("ClientVpnEndpointId")
            ?? throw new QueryErrorException(QueryError.MissingParameter("ClientVpnEndpointId"));
        if (request.IsDryRun)
        {
            throw new QueryErrorException(QueryError.DryRunOperation());
        }

        var found = this.fleet.ObserveEndpoint<(EndpointProfile Profile, RevocationList? List)?>(
            request.FleetAccountId,
            endpointId,
            (_, endpoint) => endpoint is null ? null : (endpoint.Profile, List: endpoint.Health.RevocationList),
            advance: false) ?? throw new QueryErrorException(QueryError.EndpointNotFound(endpointId));

        // Signed outside the fleet lock, from the list in force when it was read.
        var pem = found.List is null ? null : this.signer.Pem(found.Profile, found.List);
        return new XmlQueryResult(writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement(ActionName + "Response", Ec2Xml.Namespace);
            writer.WriteElementString("requestId", request.RequestId);
            if (pem is not null)
            {
                writer.WriteElementString("certificateRevocationList", pem);
                writer.WriteStatus(found.List!.Status);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
    }
}
