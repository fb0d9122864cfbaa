namespace ClientVpnExporter.Connections;

/// <summary>A field of one connection that could not be parsed, with the offending value for the log.</summary>
internal readonly record struct ParseError(ConnectionField Field, string? Value);
