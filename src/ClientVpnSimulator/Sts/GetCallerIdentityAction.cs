using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Sts;

/// <summary>STS <c>GetCallerIdentity</c>: the account, user id and ARN of whoever signed the request.</summary>
internal sealed class GetCallerIdentityAction : IQueryAction
{
    /// <inheritdoc/>
    public string Name => "GetCallerIdentity";

    /// <inheritdoc/>
    public QueryService Service => QueryService.Sts;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = request.Caller;
        var userId = caller.Session?.AssumedRoleId ?? PrincipalIds.Derive("AIDA", "user/" + caller.AccountId);
        return new XmlQueryResult(writer =>
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("GetCallerIdentityResponse", StsXml.Namespace);
            writer.WriteStartElement("GetCallerIdentityResult");
            writer.WriteElementString("Arn", caller.Arn);
            writer.WriteElementString("UserId", userId);
            writer.WriteElementString("Account", caller.AccountId);
            writer.WriteEndElement();
            StsResponseMetadata.Write(writer, request.RequestId);
            writer.WriteEndElement();
            writer.WriteEndDocument();
        });
    }
}
