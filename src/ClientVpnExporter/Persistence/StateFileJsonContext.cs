using System.Text.Json.Serialization;

namespace ClientVpnExporter.Persistence;

/// <summary>Source-generated JSON for the state file: no reflection, so it works under Native AOT and trimming.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StateDocument))]
internal sealed partial class StateFileJsonContext : JsonSerializerContext;
