using Amazon.EC2.Model;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Parses the connections of one endpoint's pages as they arrive, from the SDK's objects or from the answer's text
/// (<see cref="ConnectionText"/>), into the <see cref="ConnectionListing"/> the ledger applies. Not thread-safe: one
/// per listing (or per page, added to the listing's once the page is accepted).
/// </summary>
internal sealed class ConnectionListingBuilder(StringPool strings)
{
    private readonly List<ParsedConnection> connections = [];
    private readonly List<ParseError> errors = [];
    private DateTimeOffset? listedAt;

    /// <summary>The strings shared by the listing's connections.</summary>
    public StringPool Strings => strings;

    public void Add(ClientVpnConnection connection)
    {
        var text = ConnectionText.Of(connection);
        this.Add(in text);
    }

    public void Add(scoped in ConnectionText connection)
    {
        // The service's own time, from a connection skipped for its id too: the counting start may be taken from a
        // baseline read in which no connection parsed.
        if (connection.Timestamp.Present && ConnectionParser.TryParseTimestamp(connection.Timestamp.Value, out var timestamp))
        {
            this.Earliest(timestamp);
        }

        if (ConnectionParser.Parse(in connection, this.errors, strings) is { } parsed)
        {
            this.connections.Add(parsed);
        }
    }

    /// <summary>Adds a page parsed on its own.</summary>
    public void Add(ConnectionListingBuilder page)
    {
        ArgumentNullException.ThrowIfNull(page);
        this.connections.AddRange(page.connections);
        this.errors.AddRange(page.errors);
        if (page.listedAt is { } timestamp)
        {
            this.Earliest(timestamp);
        }
    }

    public ConnectionListing Build() => new(this.connections, this.errors, this.listedAt);

    private void Earliest(DateTimeOffset timestamp)
    {
        if (!(timestamp >= this.listedAt))
        {
            this.listedAt = timestamp;
        }
    }
}
