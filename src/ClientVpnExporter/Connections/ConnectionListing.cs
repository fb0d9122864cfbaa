namespace ClientVpnExporter.Connections;

/// <summary>Every connection of one endpoint from a complete pagination, and the fields that did not parse.</summary>
internal sealed record ConnectionListing(IReadOnlyList<ParsedConnection> Connections, IReadOnlyList<ParseError> Errors);
