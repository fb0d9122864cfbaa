using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientVpnSimulator.Control;

/// <summary>Compile-time JSON contracts of the control API: camelCase, as the web defaults have it.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ClockState))]
[JsonSerializable(typeof(EndpointCreated))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(GroundTruth))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
