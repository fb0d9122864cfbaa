namespace ClientVpnExporter.Connections;

/// <summary>One listed connection and the counters kept for it, for per-connection detail.</summary>
internal sealed record ConnectionSeries(ParsedConnection Connection, TrafficCounters Counters);
