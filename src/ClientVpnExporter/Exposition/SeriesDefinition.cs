namespace ClientVpnExporter.Exposition;

/// <summary>
/// One published metric: its name, unit and help, and how its measurements are read from a snapshot.
/// The same <see cref="Write"/> serves scrapes and the cardinality budget, so the budget counts exactly
/// the label sets a scrape will report.
/// </summary>
internal sealed record SeriesDefinition(
    string Name,
    string Unit,
    string Description,
    SeriesKind Kind,
    Action<FleetView, ISeriesSink> Write);
