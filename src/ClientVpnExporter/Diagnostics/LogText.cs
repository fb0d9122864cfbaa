using System.Buffers;
using System.Globalization;
using System.Text;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// Makes a value that came from AWS safe to put in a log line: at most <see cref="MaxLength"/> characters of it
/// (then <c>…</c>), with every character that could end the line, forge another or hide text (controls, line and
/// paragraph separators, format characters such as bidirectional overrides, unpaired surrogates, unassigned code
/// points) written as <c>\uXXXX</c>, and <c>\</c> itself as <c>\\</c>, so the escapes cannot be forged either.
/// </summary>
/// <remarks>
/// A response is not trusted to be well-formed: a malformed field, an error message or an id can be anything XML
/// carries, thousands of characters long. Log methods take such values as <see cref="LogText"/> parameters, so none
/// can reach a line unescaped; a string converts implicitly, and is escaped only when the line is written.
/// </remarks>
internal readonly record struct LogText
{
    /// <summary>How many characters of a value are kept.</summary>
    public const int MaxLength = 64;

    /// <summary>What is logged for a value that is absent.</summary>
    public const string Missing = "(missing)";

    /// <summary>What is appended when a value was cut.</summary>
    public const char Ellipsis = '…';

    private readonly string? raw;

    private LogText(string? raw)
    {
        this.raw = raw;
    }

    /// <summary>Wraps <paramref name="value"/> for a log line.</summary>
    public static implicit operator LogText(string? value) => new(value);

    /// <summary>Wraps <paramref name="value"/> for a log line.</summary>
    public static LogText Of(string? value) => new(value);

    /// <summary>The bounded, escaped form of <paramref name="value"/>; <see cref="Missing"/> for null.</summary>
    public static string Escape(string? value)
    {
        if (value is null)
        {
            return Missing;
        }

        var kept = value.AsSpan(0, Math.Min(value.Length, MaxLength));
        if (kept.Length < value.Length && char.IsHighSurrogate(kept[^1]) && char.IsLowSurrogate(value[kept.Length]))
        {
            // Never cut a character in half: the high surrogate alone would be escaped as if it were broken.
            kept = kept[..^1];
        }

        var text = new StringBuilder(kept.Length + 1);
        while (!kept.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(kept, out var rune, out var used) != OperationStatus.Done)
            {
                Escape(text, kept[0]);
                kept = kept[1..];
                continue;
            }

            if (rune.Value == '\\')
            {
                text.Append(@"\\");
            }
            else if (IsPrintable(rune))
            {
                text.Append(kept[..used]);
            }
            else
            {
                foreach (var unit in kept[..used])
                {
                    Escape(text, unit);
                }
            }

            kept = kept[used..];
        }

        return value.Length > MaxLength ? text.Append(Ellipsis).ToString() : text.ToString();
    }

    /// <summary>The bounded, escaped value, as the log line shows it.</summary>
    public override string ToString() => Escape(this.raw);

    private static bool IsPrintable(Rune rune) => Rune.GetUnicodeCategory(rune) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned);

    private static void Escape(StringBuilder text, char unit) =>
        text.Append(CultureInfo.InvariantCulture, $"\\u{(int)unit:X4}");
}
