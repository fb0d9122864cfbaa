namespace ClientVpnExporter.Health;

/// <summary>How many of an endpoint's authorization rules or routes have <paramref name="Status"/>.</summary>
internal sealed record StatusCount(string Status, long Count);
