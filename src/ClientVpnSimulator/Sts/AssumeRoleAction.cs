using System.Globalization;
using System.Text.RegularExpressions;
using ClientVpnSimulator.Accounts;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Sts;

/// <summary>
/// STS <c>AssumeRole</c>: temporary credentials for a role in one of the simulator's accounts. Requests signed
/// with them act in that account until they expire.
/// </summary>
internal sealed partial class AssumeRoleAction : IQueryAction
{
    /// <summary>The action's name.</summary>
    public const string ActionName = "AssumeRole";

    /// <summary>The session length when <c>DurationSeconds</c> is absent.</summary>
    public const int DefaultDurationSeconds = 3600;

    private const int MinDurationSeconds = 900;
    private const int MaxDurationSeconds = 43_200;
    private readonly AccountDirectory accounts;
    private readonly string? requiredExternalId;
    private readonly TimeSpan? lifetime;

    /// <summary>Issues credentials for roles of <paramref name="accounts"/>.</summary>
    /// <param name="accounts">The accounts whose roles can be assumed.</param>
    /// <param name="requiredExternalId">When set, the <c>ExternalId</c> every role's trust policy requires.</param>
    /// <param name="lifetime">When set, how long credentials last whatever <c>DurationSeconds</c> asks.</param>
    public AssumeRoleAction(AccountDirectory accounts, string? requiredExternalId, TimeSpan? lifetime)
    {
        this.accounts = accounts;
        this.requiredExternalId = requiredExternalId;
        this.lifetime = lifetime;
    }

    /// <inheritdoc/>
    public string Name => ActionName;

    /// <inheritdoc/>
    public AwsService Service => AwsService.Sts;

    /// <inheritdoc/>
    public QueryResult Execute(QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var roleArn = request.Get("RoleArn")
            ?? throw new QueryErrorException(QueryError.ValidationError("roleArn", null, "Member must not be null"));
        var sessionName = request.Get("RoleSessionName")
            ?? throw new QueryErrorException(QueryError.ValidationError("roleSessionName", null, "Member must not be null"));
        if (!SessionNamePattern().IsMatch(sessionName))
        {
            throw new QueryErrorException(QueryError.ValidationError(
                "roleSessionName", sessionName, @"Member must satisfy regular expression pattern: [\w+=,.@-]{2,64}"));
        }

        var duration = ReadDuration(request);
        if (!RoleArn.TryParse(roleArn, out var role))
        {
            throw new QueryErrorException(QueryError.ValidationError("roleArn", roleArn, "Member must be an IAM role ARN"));
        }

        // No such account, or the role's trust policy wants an external id the caller did not give.
        if (!this.accounts.Contains(role.AccountId)
            || (this.requiredExternalId is not null && !string.Equals(request.Get("ExternalId"), this.requiredExternalId, StringComparison.Ordinal)))
        {
            throw new QueryErrorException(StsErrors.NotAuthorized(request.Caller, this.Name, roleArn));
        }

        var issued = this.accounts.Credentials.Issue(role, sessionName, this.lifetime ?? TimeSpan.FromSeconds(duration));
        return new XmlQueryResult(writer => QueryXml.WriteResponse(writer, AwsService.Sts, this.Name, request.RequestId, result =>
        {
            result.WriteStartElement("AssumedRoleUser");
            result.WriteElementString("AssumedRoleId", issued.AssumedRoleId);
            result.WriteElementString("Arn", issued.AssumedRoleArn);
            result.WriteEndElement();
            result.WriteStartElement("Credentials");
            result.WriteElementString("AccessKeyId", issued.AccessKeyId);
            result.WriteElementString("SecretAccessKey", issued.SecretAccessKey);
            result.WriteElementString("SessionToken", issued.SessionToken);
            result.WriteElementString("Expiration", QueryXml.Time(issued.Expiration));
            result.WriteEndElement();
        }));
    }

    private static int ReadDuration(QueryRequest request)
    {
        var text = request.Get("DurationSeconds");
        if (text is null)
        {
            return DefaultDurationSeconds;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw new QueryErrorException(QueryError.ValidationError("durationSeconds", text, "Member must be an integer"));
        }

        return seconds switch
        {
            < MinDurationSeconds => throw new QueryErrorException(QueryError.ValidationError(
                "durationSeconds", text, $"Member must have value greater than or equal to {MinDurationSeconds}")),
            > MaxDurationSeconds => throw new QueryErrorException(QueryError.ValidationError(
                "durationSeconds", text, $"Member must have value less than or equal to {MaxDurationSeconds}")),
            _ => seconds,
        };
    }

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$")]
    private static partial Regex SessionNamePattern();
}
