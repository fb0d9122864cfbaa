namespace ClientVpnExporter.Polling;

/// <summary>What the permission check last found for one IAM action in one account and region.</summary>
internal sealed record PermissionState(string Action, string AccountId, string Region, bool Allowed);
