namespace ClientVpnExporter.Connections;

/// <summary>Every connection of one endpoint from a complete pagination, and the fields that did not parse.</summary>
/// <param name="Connections">The connections that parsed.</param>
/// <param name="Errors">The fields that did not.</param>
/// <param name="ListedAt">The earliest API <c>timestamp</c> of any connection listed, skipped ones included; null when none had one.</param>
internal sealed record ConnectionListing(IReadOnlyList<ParsedConnection> Connections, IReadOnlyList<ParseError> Errors, DateTimeOffset? ListedAt);
