using ClientVpnExporter.Aws.Services;

namespace ClientVpnExporter.Attempts;

/// <summary>The events of one read of an endpoint's connection log, every page of it; <see cref="Truncated"/> when it stopped at <c>MaxPagesPerRead</c> with more to read.</summary>
internal sealed record ConnectionLogRead(IReadOnlyList<LogEvent> Events, int Pages, bool Truncated);
