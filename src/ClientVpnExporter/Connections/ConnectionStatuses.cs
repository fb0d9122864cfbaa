namespace ClientVpnExporter.Connections;

/// <summary>The status codes DescribeClientVpnConnections documents, in the order they are exported.</summary>
internal static class ConnectionStatuses
{
    public const string Active = "active";
    public const string Terminating = "terminating";
    public const string FailedToTerminate = "failed-to-terminate";
    public const string Terminated = "terminated";
    public const string Unknown = "unknown";

    /// <summary>Every documented status, so a gauge can report zero for a status with no connections.</summary>
    public static IReadOnlyList<string> All { get; } = [Active, Terminating, FailedToTerminate, Terminated];
}
