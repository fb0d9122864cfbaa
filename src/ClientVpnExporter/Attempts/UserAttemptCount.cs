namespace ClientVpnExporter.Attempts;

/// <summary>One user's attempts on one endpoint with one status, counted since the exporter started (per-user detail).</summary>
internal sealed record UserAttemptCount(string User, string Status, ulong Count);
