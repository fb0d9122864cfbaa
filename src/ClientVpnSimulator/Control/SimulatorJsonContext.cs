using System.Text.Json;
using System.Text.Json.Serialization;
using ClientVpnSimulator.Faults;
using ClientVpnSimulator.Logs;
using ClientVpnSimulator.Permissions;

namespace ClientVpnSimulator.Control;

/// <summary>
/// Compile-time JSON contracts of the control API: camelCase, as the web defaults have it. Bodies sent to
/// it are read strictly: an unknown property or a null where a value is needed is refused, so a typo in a
/// fault rule cannot silently inject nothing.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ClockState))]
[JsonSerializable(typeof(EndpointCreated))]
[JsonSerializable(typeof(EndpointStatusChange))]
[JsonSerializable(typeof(ControlError))]
[JsonSerializable(typeof(GroundTruth))]
[JsonSerializable(typeof(FaultSet))]
[JsonSerializable(typeof(PermissionSet))]
[JsonSerializable(typeof(CertificateChange))]
[JsonSerializable(typeof(SamlProviderChange))]
[JsonSerializable(typeof(RevocationListChange))]
[JsonSerializable(typeof(HealthStatusChange))]
[JsonSerializable(typeof(AssociationCreated))]
[JsonSerializable(typeof(ClientConnectOutcomeChange))]
[JsonSerializable(typeof(ConnectionLogChange))]
[JsonSerializable(typeof(IngestionDelayDocument))]
internal sealed partial class SimulatorJsonContext : JsonSerializerContext;
