namespace ClientVpnSimulator.Fleet;

/// <summary>The wire forms of <see cref="ConnectionStatus"/>.</summary>
internal static class ConnectionStatusNames
{
    /// <summary>The <c>Status.Code</c> value the API reports.</summary>
    public static string Code(this ConnectionStatus status) => status switch
    {
        ConnectionStatus.Active => "active",
        ConnectionStatus.FailedToTerminate => "failed-to-terminate",
        ConnectionStatus.Terminating => "terminating",
        ConnectionStatus.Terminated => "terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The <c>Status.Message</c> value the API reports.</summary>
    public static string Message(this ConnectionStatus status) => status switch
    {
        ConnectionStatus.Active => "Connection is active",
        ConnectionStatus.FailedToTerminate => "Failed to terminate the connection, retrying",
        ConnectionStatus.Terminating => "Connection is being terminated",
        ConnectionStatus.Terminated => "Connection terminated",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
