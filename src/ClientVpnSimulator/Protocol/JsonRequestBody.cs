using System.Globalization;
using System.Text.Json;

namespace ClientVpnSimulator.Protocol;

/// <summary>Reads the body of a JSON 1.1 request into the flat parameters every stage and action reads.</summary>
internal static class JsonRequestBody
{
    /// <summary>What a JSON 1.1 service answers to a body that is not a JSON object.</summary>
    public static QueryError Malformed() => new(400, "SerializationException", "The request body is not a JSON object.");

    /// <summary>
    /// The top-level members of <paramref name="body"/> (empty counts as <c>{}</c>): strings as they are, numbers and
    /// booleans as their JSON text, lists of scalars as <c>Name.1</c>, <c>Name.2</c>, …; nested objects are left out.
    /// </summary>
    /// <exception cref="QueryErrorException">The body is not a JSON object.</exception>
    public static Dictionary<string, string> Read(ReadOnlySpan<byte> body)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.IsEmpty)
        {
            return parameters;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            using var document = JsonDocument.ParseValue(ref reader);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new QueryErrorException(Malformed());
            }

            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var item in member.Value.EnumerateArray())
                    {
                        index++;
                        if (Scalar(item) is { } text)
                        {
                            parameters[string.Create(CultureInfo.InvariantCulture, $"{member.Name}.{index}")] = text;
                        }
                    }
                }
                else if (Scalar(member.Value) is { } text)
                {
                    parameters[member.Name] = text;
                }
            }

            return parameters;
        }
        catch (JsonException)
        {
            throw new QueryErrorException(Malformed());
        }
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
