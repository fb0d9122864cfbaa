using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// A JSON-protocol timestamp: seconds since 1970 as a number, fraction allowed (<c>1767225600.5</c>), as ACM and
/// Organizations send them; an ISO 8601 string is read too, as botocore does.
/// </summary>
internal sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var seconds = reader.GetDouble();
            var milliseconds = Math.Round(seconds * 1000);
            return milliseconds is >= -62_135_596_800_000 and <= 253_402_300_799_999
                ? DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds)
                : throw new JsonException($"The timestamp {seconds} is out of range.");
        }

        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("A timestamp must be a number of seconds since 1970 or an ISO 8601 string.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
    }
}
