namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>
/// One malformed connection in one poll. Endpoint and connection are indices, taken modulo the live endpoints and
/// that endpoint's listed connections, so every generated corruption lands somewhere while there is anything.
/// </summary>
/// <param name="Endpoint">Which live endpoint.</param>
/// <param name="Connection">Which of its listed connections.</param>
/// <param name="Fault">What is wrong with it.</param>
/// <param name="Field">Which counter (ingress bytes, egress bytes, ingress packets, egress packets) for a counter fault.</param>
/// <param name="Text">The garbled counter string or connection id.</param>
internal sealed record Corruption(int Endpoint, int Connection, FieldFault Fault, int Field, string Text)
{
    public static readonly string[] CounterNames = ["IngressBytes", "EgressBytes", "IngressPackets", "EgressPackets"];

    public override string ToString() => this.Fault switch
    {
        FieldFault.GarbledId => $"e{this.Endpoint}/c{this.Connection} id=\"{this.Text}\"",
        FieldFault.AbsurdCounter => $"e{this.Endpoint}/c{this.Connection} {CounterNames[this.Field]}={ModelFleet.AbsurdCounter}",
        _ => $"e{this.Endpoint}/c{this.Connection} {CounterNames[this.Field]}=\"{this.Text}\"",
    };
}
