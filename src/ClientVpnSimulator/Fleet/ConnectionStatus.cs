namespace ClientVpnSimulator.Fleet;

/// <summary>The states of a client connection, in the order a connection goes through them.</summary>
internal enum ConnectionStatus
{
    /// <summary>Connected and passing traffic.</summary>
    Active,

    /// <summary>The service could not end the session yet; it is retried for several minutes.</summary>
    FailedToTerminate,

    /// <summary>Ending, for a few seconds.</summary>
    Terminating,

    /// <summary>Ended; listed for 60 minutes after its end time.</summary>
    Terminated,
}
