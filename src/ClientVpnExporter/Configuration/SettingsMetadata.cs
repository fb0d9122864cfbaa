using System.Text.Json.Serialization;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Compile-time metadata of the options types (property names, types, collection shapes), from which
/// <see cref="SettingsSchema"/> derives every known key: a new options property is known without a list to update, and
/// without reflection at run time.
/// </summary>
[JsonSerializable(typeof(ExporterOptions))]
internal sealed partial class SettingsMetadata : JsonSerializerContext;
