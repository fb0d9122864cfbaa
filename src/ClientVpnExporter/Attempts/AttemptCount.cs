namespace ClientVpnExporter.Attempts;

/// <summary>Attempts on one endpoint with one status and reason, counted since the exporter started.</summary>
internal sealed record AttemptCount(string Status, string Reason, ulong Count);
