namespace ClientVpnExporter.Attempts;

/// <summary>
/// The fields of one connection log entry that say whether it is an attempt, how it went and whose it was (AWS Client VPN
/// administrator guide, connection-logging.md). Values are as AWS wrote them, <c>NA</c> included; a field the entry
/// lacks is empty.
/// </summary>
/// <param name="LogType"><c>connection-log-type</c>: <c>connection-attempt</c> or <c>connection-reset</c>.</param>
/// <param name="AttemptStatus"><c>connection-attempt-status</c>: <c>successful</c>, <c>failed</c>, <c>waiting-for-assertion</c> or <c>NA</c>.</param>
/// <param name="FailureReason"><c>connection-attempt-failure-reason</c>, <c>NA</c> when there is none.</param>
/// <param name="EndTime"><c>connection-end-time</c>: <c>NA</c> while the connection is in progress or when the attempt failed.</param>
/// <param name="Username"><c>username</c> (Active Directory or SAML authentication).</param>
/// <param name="CommonName"><c>common-name</c>: the client certificate's common name.</param>
internal sealed record ConnectionLogEntry(string LogType, string AttemptStatus, string FailureReason, string EndTime, string Username, string CommonName);
