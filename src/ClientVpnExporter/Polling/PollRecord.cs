namespace ClientVpnExporter.Polling;

/// <summary>One completed poll, as the status page lists it.</summary>
/// <param name="CompletedAt">When the poll published its view.</param>
/// <param name="Duration">How long it took, discovery included.</param>
/// <param name="Outcome"><c>success</c>, <c>partial</c> or <c>failure</c>, as <c>clientvpn_exporter_polls_total</c> counts it.</param>
/// <param name="EndpointsRead">Endpoints whose connections were read completely.</param>
/// <param name="FailureCodes">The distinct AWS error codes of the reads and discoveries that failed, in order; empty when none did.</param>
internal sealed record PollRecord(DateTimeOffset CompletedAt, TimeSpan Duration, string Outcome, int EndpointsRead, IReadOnlyList<string> FailureCodes);
