// Meters are process-wide: every MeterProvider listens to every meter named "ClientVpnExporter", so two
// exporters or metric harnesses running at once would read each other's series. Tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
