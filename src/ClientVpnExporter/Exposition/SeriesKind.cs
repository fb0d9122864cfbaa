namespace ClientVpnExporter.Exposition;

/// <summary>The observable instrument a <see cref="SeriesDefinition"/> is published as.</summary>
internal enum SeriesKind
{
    LongGauge,
    LongCounter,
    DoubleGauge,
}
