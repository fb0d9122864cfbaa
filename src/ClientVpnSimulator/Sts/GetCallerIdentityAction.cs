using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Sts;

/// <summary>STS <c>GetCallerIdentity</c>: the account, user id and ARN of whoever signed the request.</summary>
internal sealed class GetCallerIdentityAction : IQueryAction
{
    /// <inheritdoc/>
    public string Name => "GetCallerIdentity";

    /// <inheritdoc/>
    public AwsService Service => AwsService.Sts;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = request.Caller;
        var userId = caller.Session?.AssumedRoleId ?? PrincipalIds.Derive("AIDA", "user/" + caller.AccountId);
        return new XmlQueryResult(writer => QueryXml.WriteResponse(writer, AwsService.Sts, this.Name, request.RequestId, result =>
        {
            result.WriteElementString("Arn", caller.Arn);
            result.WriteElementString("UserId", userId);
            result.WriteElementString("Account", caller.AccountId);
        }));
    }
}
