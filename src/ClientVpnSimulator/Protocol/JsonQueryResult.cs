using System.Text.Json;

namespace ClientVpnSimulator.Protocol;

/// <summary>A successful JSON 1.1 answer whose document is written by a callback over a snapshot taken earlier.</summary>
internal sealed class JsonQueryResult : QueryResult
{
    /// <summary>The content type of every JSON 1.1 answer.</summary>
    public const string JsonContentType = "application/x-amz-json-1.1";

    private readonly Action<Utf8JsonWriter> write;

    /// <summary>Creates an answer that <paramref name="write"/> renders, as one JSON value.</summary>
    public JsonQueryResult(Action<Utf8JsonWriter> write)
    {
        this.write = write;
    }

    /// <inheritdoc/>
    public override int StatusCode => 200;

    /// <inheritdoc/>
    public override string ContentType => JsonContentType;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream);
        this.write(writer);
    }
}
