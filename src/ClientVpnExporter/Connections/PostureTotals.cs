namespace ClientVpnExporter.Connections;

/// <summary>The exact traffic totals of an endpoint's connections with one posture label.</summary>
internal readonly record struct PostureTotals(string Posture, TrafficCounters Totals);
