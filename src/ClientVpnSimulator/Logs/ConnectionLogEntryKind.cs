namespace ClientVpnSimulator.Logs;

/// <summary>What a connection-log entry records.</summary>
internal enum ConnectionLogEntryKind
{
    /// <summary>An attempt (<c>connection-attempt</c>, end time <c>NA</c>): what the exporter counts.</summary>
    Attempt,

    /// <summary>A SAML assertion arrived (<c>connection-reset</c>, <c>assertion-received</c>): not an attempt.</summary>
    Reset,

    /// <summary>The end of a session already counted (<c>connection-attempt</c> with its end time set): not an attempt.</summary>
    End,
}
