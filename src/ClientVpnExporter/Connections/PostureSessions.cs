namespace ClientVpnExporter.Connections;

/// <summary>The session-duration histogram of an endpoint's sessions with one posture label.</summary>
internal sealed record PostureSessions(string Posture, SessionDurationHistogram Durations);
