namespace ClientVpnExporter.Connections;

/// <summary>A session seen ended for the first time, to be observed once in the duration histogram.</summary>
internal readonly record struct EndedSession(string Posture, TimeSpan Duration);
