namespace ClientVpnExporter.Attempts;

/// <summary>
/// The attempt rule and the label values of <c>clientvpn_connection_attempts_total</c>. AWS writes several entries per
/// connection: the attempt, then updates and the end (with <c>connection-end-time</c> set). An attempt is an entry with
/// <c>connection-log-type</c> <c>connection-attempt</c> and no end time (<c>NA</c>); an entry with an end time ends a
/// session already counted, and <c>connection-reset</c> entries are not attempts. A SAML login is two attempts: a
/// <c>waiting-for-assertion</c> one, a reset (<c>assertion-received</c>), then a <c>successful</c> one.
/// </summary>
internal static class AttemptLabels
{
    /// <summary>The status of an attempt whose <c>connection-attempt-status</c> is none of the documented ones (<c>NA</c> included).</summary>
    public const string Other = "other";

    /// <summary>The reason of an attempt without one (<c>NA</c>).</summary>
    public const string None = "none";

    /// <summary>The documented attempt statuses, each a label value as it is.</summary>
    public static IReadOnlyList<string> Statuses { get; } = ["successful", "failed", "waiting-for-assertion"];

    /// <summary>
    /// The documented failure reasons: the client-connect handler's (connection-authorization.md) and the authorization
    /// policy's (connection-logging.md). Any other text is <see cref="Other"/>, so the label stays bounded whatever the log holds.
    /// </summary>
    public static IReadOnlyList<string> Reasons { get; } =
    [
        "client-connect-failed",
        "client-connect-handler-timed-out",
        "client-connect-handler-other-execution-error",
        "client-connect-handler-throttled",
        "client-connect-handler-invalid-response",
        "client-connect-handler-service-error",
        "authorization-policy-deny",
    ];

    private const string AttemptType = "connection-attempt";
    private const string NotApplicable = "NA";

    /// <summary>Whether <paramref name="entry"/> is an attempt: a <c>connection-attempt</c> entry without an end time.</summary>
    public static bool IsAttempt(ConnectionLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return string.Equals(entry.LogType, AttemptType, StringComparison.Ordinal) && IsNotApplicable(entry.EndTime);
    }

    /// <summary>The <c>status</c> label: a documented status as it is, else <see cref="Other"/>.</summary>
    public static string Status(string attemptStatus) =>
        Statuses.FirstOrDefault(s => string.Equals(s, attemptStatus, StringComparison.Ordinal)) ?? Other;

    /// <summary>The <c>reason</c> label: a documented reason as it is, <see cref="None"/> for none (<c>NA</c>), else <see cref="Other"/>.</summary>
    public static string Reason(string failureReason) =>
        IsNotApplicable(failureReason) ? None : Reasons.FirstOrDefault(r => string.Equals(r, failureReason, StringComparison.Ordinal)) ?? Other;

    /// <summary>Whose attempt it was: <c>username</c> when the entry has one, else <c>common-name</c>, as connections' <c>user</c> is; empty when neither.</summary>
    public static string User(ConnectionLogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return !IsNotApplicable(entry.Username) ? entry.Username : IsNotApplicable(entry.CommonName) ? "" : entry.CommonName;
    }

    private static bool IsNotApplicable(string value) => value.Length == 0 || string.Equals(value, NotApplicable, StringComparison.Ordinal);
}
