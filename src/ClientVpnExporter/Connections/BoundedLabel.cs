using System.Globalization;

namespace ClientVpnExporter.Connections;

/// <summary>
/// Makes free-form text from the API safe as a label value: bounded in length, with a hash keeping distinct
/// long values distinct, and without control characters (which no user or certificate name has, and which
/// would only serve to forge log lines or confuse a reader).
/// </summary>
internal static class BoundedLabel
{
    private const int HashSuffixLength = 9; // "~" and 8 hex digits

    /// <summary><paramref name="value"/> cut to <paramref name="maxLength"/> characters, ending in a hash of the whole when cut.</summary>
    public static string Cut(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= maxLength)
        {
            return value;
        }

        var keep = maxLength - HashSuffixLength;
        if (char.IsHighSurrogate(value[keep - 1]))
        {
            keep--; // never split a surrogate pair
        }

        var hash = StableHash.Fnv1a32(value).ToString("x8", CultureInfo.InvariantCulture);
        return string.Concat(value.AsSpan(0, keep), "~", hash);
    }

    /// <summary>Whether <paramref name="value"/> is a label as it is: short enough and without control characters.</summary>
    public static bool Fits(ReadOnlySpan<char> value, int maxLength) =>
        value.Length <= maxLength && !value.ContainsAnyInRange('\u0000', '\u001F') && !value.ContainsAnyInRange('\u007F', '\u009F');

    /// <summary>
    /// <paramref name="value"/> with each control character replaced by U+FFFD and cut as by <see cref="Cut"/>;
    /// returns false when anything had to change.
    /// </summary>
    public static bool TryKeep(string value, int maxLength, out string label)
    {
        ArgumentNullException.ThrowIfNull(value);
        // char.IsControl's ranges: C0, then DEL and C1.
        if (Fits(value, maxLength))
        {
            label = value;
            return true;
        }

        var cleaned = string.Create(value.Length, value, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });
        label = Cut(cleaned, maxLength);
        return false;
    }
}
