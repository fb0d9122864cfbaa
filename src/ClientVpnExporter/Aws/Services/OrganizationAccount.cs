namespace ClientVpnExporter.Aws.Services;

/// <summary>One account of an organisation as ListAccounts gives it; Status is <c>ACTIVE</c>, <c>SUSPENDED</c> or <c>PENDING_CLOSURE</c>.</summary>
internal sealed record OrganizationAccount(string Id, string? Arn, string? Name, string? Email, string? Status, DateTimeOffset? JoinedTimestamp);
