namespace ClientVpnExporter.Connections;

/// <summary>The status codes DescribeClientVpnConnections documents, and the one given to any other.</summary>
internal static class ConnectionStatuses
{
    public const string Active = "active";
    public const string Terminating = "terminating";
    public const string FailedToTerminate = "failed-to-terminate";
    public const string Terminated = "terminated";
    public const string Unknown = "unknown";

    /// <summary>The documented code <paramref name="status"/> spells, or null when it is none of the four; any other becomes <see cref="Unknown"/>.</summary>
    public static string? Documented(ReadOnlySpan<char> status) => status switch
    {
        Active => Active,
        Terminating => Terminating,
        FailedToTerminate => FailedToTerminate,
        Terminated => Terminated,
        _ => null,
    };
}
