namespace ClientVpnExporter.Aws;

/// <summary>A refresh of the organisation that failed at <see cref="Reason"/>, the <c>reason</c> label of its error counter.</summary>
internal sealed class OrganizationRefreshException : Exception
{
    public OrganizationRefreshException()
    {
        this.Reason = "";
    }

    public OrganizationRefreshException(string message)
        : base(message)
    {
        this.Reason = "";
    }

    public OrganizationRefreshException(string message, Exception innerException)
        : base(message, innerException)
    {
        this.Reason = "";
    }

    public OrganizationRefreshException(string reason, string operation, Exception innerException)
        : base($"{operation} failed ({ApiOutcome.Of(innerException)}): {innerException?.Message}", innerException)
    {
        this.Reason = reason;
    }

    /// <summary>Which step failed: <c>list_accounts</c>, <c>list_children</c> or <c>list_tags</c>.</summary>
    public string Reason { get; }
}
