using System.Collections;
using System.Globalization;
using System.Text.Json;
using Amazon.Runtime;

namespace ClientVpnSimulator.Tests.Support;

/// <summary>
/// Compares what botocore and the .NET SDK each parsed from the same simulator answer, member by member, over every
/// member botocore's model knows. The .NET SDK matches element names regardless of case and botocore does not, so a
/// misspelt element shows as a value one side has and the other lacks. An empty list and no list are the same.
/// </summary>
public static class BotocoreAgreement
{
    /// <summary>
    /// Asserts agreement and returns the member paths (list items as <c>*</c>) that held a value on both sides.
    /// <paramref name="presenceOnly"/> names paths whose values differ between two calls by nature (fresh credentials).
    /// </summary>
    public static ISet<string> AssertAgree(BotocoreResult botocore, IReadOnlyList<object> sdkPages, params string[] presenceOnly)
    {
        ArgumentNullException.ThrowIfNull(botocore);
        ArgumentNullException.ThrowIfNull(sdkPages);
        Assert.True(botocore.Error is null, $"botocore got {botocore.Error}");
        Assert.True(botocore.Pages.Count == sdkPages.Count, $"botocore read {botocore.Pages.Count} pages, the .NET SDK {sdkPages.Count}");
        var walk = new Walk(botocore.Members, [.. presenceOnly]);
        for (var i = 0; i < sdkPages.Count; i++)
        {
            walk.Structure(botocore.Pages[i], sdkPages[i], "");
        }

        return walk.Compared;
    }

    private sealed class Walk(IReadOnlyDictionary<string, string[]> members, HashSet<string> presenceOnly)
    {
        public HashSet<string> Compared { get; } = new(StringComparer.Ordinal);

        public void Structure(JsonElement botocore, object sdk, string path)
        {
            Assert.True(botocore.ValueKind == JsonValueKind.Object, $"{path}: botocore has {botocore.GetRawText()} for the .NET SDK's {sdk.GetType().Name}");
            Assert.True(members.TryGetValue(path, out var names), $"{path}: not a structure in botocore's model");
            foreach (var name in names!)
            {
                var memberPath = path + "/" + name;
                var sdkValue = Present(sdk.GetType().GetProperty(name)?.GetValue(sdk));
                JsonElement? botocoreValue = botocore.TryGetProperty(name, out var value) && Present(value) ? value : null;
                if (sdkValue is null && botocoreValue is null)
                {
                    continue;
                }

                Assert.True(
                    sdkValue is not null && botocoreValue is not null,
                    $"{memberPath}: the .NET SDK has {Describe(sdkValue)}, botocore has {botocoreValue?.GetRawText() ?? "nothing"}");
                this.Compared.Add(memberPath);
                if (!presenceOnly.Contains(memberPath))
                {
                    this.Value(botocoreValue!.Value, sdkValue!, memberPath);
                }
            }
        }

        private void Value(JsonElement botocore, object sdk, string path)
        {
            switch (sdk)
            {
                case string or ConstantClass or bool or int or long or double:
                    var expected = Describe(sdk);
                    var actual = botocore.ValueKind == JsonValueKind.String ? botocore.GetString() : botocore.GetRawText();
                    Assert.True(expected == actual, $"{path}: the .NET SDK has {expected}, botocore has {botocore.GetRawText()}");
                    break;
                case DateTime time:
                    var parsed = DateTimeOffset.Parse(botocore.GetString()!, CultureInfo.InvariantCulture);
                    Assert.True(
                        Math.Abs((time.ToUniversalTime() - parsed.UtcDateTime).TotalMilliseconds) < 1,
                        $"{path}: the .NET SDK has {time:O}, botocore has {parsed:O}");
                    break;
                case IList list:
                    Assert.True(botocore.ValueKind == JsonValueKind.Array, $"{path}: botocore has {botocore.GetRawText()} for a list");
                    Assert.True(list.Count == botocore.GetArrayLength(), $"{path}: the .NET SDK has {list.Count} items, botocore {botocore.GetArrayLength()}");
                    for (var i = 0; i < list.Count; i++)
                    {
                        this.Value(botocore[i], list[i]!, path + "/*");
                    }

                    break;
                default:
                    this.Structure(botocore, sdk, path);
                    break;
            }
        }

        private static object? Present(object? value) => value is ICollection { Count: 0 } ? null : value;

        private static bool Present(JsonElement value) =>
            value.ValueKind != JsonValueKind.Null && !(value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0);

        private static string Describe(object? value) => value switch
        {
            null => "nothing",
            bool b => b ? "true" : "false",
            ConstantClass constant => constant.Value,
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()!,
        };
    }
}
