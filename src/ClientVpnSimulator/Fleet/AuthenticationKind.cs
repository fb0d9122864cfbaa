namespace ClientVpnSimulator.Fleet;

/// <summary>How an endpoint's clients authenticate, which decides what <c>Username</c> and <c>CommonName</c> show.</summary>
internal enum AuthenticationKind
{
    /// <summary>Mutual TLS: no user name, the common name is the client certificate's.</summary>
    Certificate,

    /// <summary>Active Directory: user name and common name are both the directory user name.</summary>
    ActiveDirectory,

    /// <summary>SAML federation: the user name is the user's e-mail address.</summary>
    Federated,
}
