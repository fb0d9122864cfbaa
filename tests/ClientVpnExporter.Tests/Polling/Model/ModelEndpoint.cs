namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>One endpoint of the model fleet, with every connection it ever had.</summary>
internal sealed class ModelEndpoint(string id)
{
    public string Id { get; } = id;

    /// <summary>Deleted endpoints are no longer discovered, and reading them answers NotFound.</summary>
    public bool Deleted { get; set; }

    public List<ModelConnection> Connections { get; } = [];

    public IEnumerable<ModelConnection> ListedAt(DateTimeOffset now) => this.Connections.Where(c => c.IsListedAt(now));
}
