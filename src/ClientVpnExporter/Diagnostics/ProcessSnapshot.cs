namespace ClientVpnExporter.Diagnostics;

/// <summary>One reading of the exporter process's figures; a figure that could not be read is null and publishes no sample.</summary>
internal sealed record ProcessSnapshot(ProcessStat? Stat, double? OpenFileDescriptors, double? MaxFileDescriptors, long? MemoryLimitBytes);
