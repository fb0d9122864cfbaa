namespace ClientVpnExporter.Security;

/// <summary>What <see cref="BasicCredentialVerifier.CheckAsync"/> found.</summary>
internal enum CredentialCheck
{
    /// <summary>The user exists and the password is theirs.</summary>
    Accepted,

    /// <summary>Unknown user or wrong password (the caller cannot tell which, by answer or by time).</summary>
    Refused,

    /// <summary>Not checked: as many bcrypt checks as allowed are already running.</summary>
    Busy,
}
