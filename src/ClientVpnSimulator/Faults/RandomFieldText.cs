using System.Text;
using ClientVpnSimulator.Fleet;

namespace ClientVpnSimulator.Faults;

/// <summary>
/// Random strings for <c>"@random"</c> malformed fields: whatever XML can carry and a parser might choke on —
/// empty, very long, non-ASCII, digits with spaces, negative or huge numbers, and arbitrary characters.
/// </summary>
internal static class RandomFieldText
{
    /// <summary>The field value that asks for a new random string at every replacement.</summary>
    public const string Marker = "@random";

    private static readonly string[] Unicode =
    [
        "١٢٣٤٥", "１２３４５", "12\u00A0345", "\u200B42", "数字", "Ωμέγα", "😀🚀", "e\u0301", "ℵ₀", "\u202Eedcba",
    ];

    /// <summary>Draws one string.</summary>
    public static string Next(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return random.NextInt(9) switch
        {
            0 => string.Empty,
            1 => Digits(random, 1, 4) + " " + Digits(random, 3, 4) + " " + Digits(random, 3, 4),
            2 => "-" + Digits(random, 1, 19),
            3 => Digits(random, 21, 80),
            4 => Unicode[random.NextInt(Unicode.Length)],
            5 => Letters(random, 4_000, 20_000),
            6 => "1.5e" + Digits(random, 1, 3),
            7 => " " + Digits(random, 1, 6) + " ",
            _ => AnyCharacters(random, 1, 64),
        };
    }

    private static string Digits(SeededRandom random, int min, int max) => Draw(random, min, max, r => (char)('0' + r.NextInt(10)));

    private static string Letters(SeededRandom random, int min, int max) => Draw(random, min, max, r => (char)('a' + r.NextInt(26)));

    private static string Draw(SeededRandom random, int min, int max, Func<SeededRandom, char> next)
    {
        var length = (int)random.NextLong(min, max + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(next(random));
        }

        return text.ToString();
    }

    // Any character XML 1.0 allows: tab, line feed, carriage return, and the ranges without surrogates or U+FFFE/F.
    private static string AnyCharacters(SeededRandom random, int min, int max)
    {
        var length = (int)random.NextLong(min, max + 1);
        var text = new StringBuilder(length * 2);
        for (var i = 0; i < length; i++)
        {
            var codePoint = random.NextInt(10) switch
            {
                0 => "\t\n\r"[random.NextInt(3)],
                < 6 => (int)random.NextLong(0x20, 0x7F),
                < 8 => (int)random.NextLong(0xA0, 0xD800),
                8 => (int)random.NextLong(0xE000, 0xFFFE),
                _ => (int)random.NextLong(0x10000, 0x110000),
            };
            text.Append(char.ConvertFromUtf32(codePoint));
        }

        return text.ToString();
    }
}
