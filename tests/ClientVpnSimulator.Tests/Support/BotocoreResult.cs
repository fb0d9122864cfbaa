using System.Text.Json;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>
/// What botocore <paramref name="Version"/> parsed: its pages, or the error it raised; and the members its model knows
/// at each structure path of the output (list items as <c>*</c>).
/// </summary>
public sealed record BotocoreResult(string Version, IReadOnlyList<JsonElement> Pages, BotocoreError? Error, IReadOnlyDictionary<string, string[]> Members);
