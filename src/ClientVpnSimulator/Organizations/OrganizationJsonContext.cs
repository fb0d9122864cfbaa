using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientVpnSimulator.Organizations;

/// <summary>The compile-time JSON contracts of the organisation's control routes, read as strictly as the rest of the control API.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(OrganizationTruth))]
[JsonSerializable(typeof(AccountStateChange))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class OrganizationJsonContext : JsonSerializerContext;
