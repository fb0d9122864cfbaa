namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// One account of an organisation as ListAccounts gives it. Status is <c>ACTIVE</c>, <c>SUSPENDED</c> or
/// <c>PENDING_CLOSURE</c>; State, which AWS is replacing it with, is <c>ACTIVE</c>, <c>SUSPENDED</c>,
/// <c>PENDING_ACTIVATION</c> or <c>CLOSED</c>.
/// </summary>
internal sealed record OrganizationAccount(string Id, string? Arn, string? Name, string? Email, string? Status, DateTimeOffset? JoinedTimestamp, string? State = null)
{
    private const string Active = "ACTIVE";

    /// <summary>Whether the account is active: by its State when AWS gives one, else by its Status.</summary>
    public bool IsActive => (this.State ?? this.Status) == Active;
}
