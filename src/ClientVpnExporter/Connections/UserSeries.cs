namespace ClientVpnExporter.Connections;

/// <summary>One user's listed connections by status and traffic totals, for per-user detail.</summary>
internal sealed record UserSeries(string User, IReadOnlyDictionary<string, long> ConnectionsByStatus, TrafficCounters Totals);
