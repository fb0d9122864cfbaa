namespace ClientVpnExporter.Connections;

/// <summary>How many listed connections of an endpoint have a given status and posture.</summary>
internal readonly record struct ConnectionCount(string Status, string Posture, long Count);
