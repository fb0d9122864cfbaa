using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Tests.Diagnostics;

public class LogTextTests
{
    [Theory]
    [InlineData("cvpn-endpoint-0123456789abcdef0", "cvpn-endpoint-0123456789abcdef0")]
    [InlineData("Ωμέγα 数字 😀", "Ωμέγα 数字 😀")]
    [InlineData("", "")]
    [InlineData("12\nfail: forged line", "12\\u000Afail: forged line")]
    [InlineData("a\r\tb", "a\\u000D\\u0009b")]
    [InlineData("\u001b[31mred", "\\u001B[31mred")]
    [InlineData("line\u2028sep\u2029para\u0085nel", "line\\u2028sep\\u2029para\\u0085nel")]
    [InlineData("\u202Eevil\u200B", "\\u202Eevil\\u200B")]
    [InlineData("C:\\u000A", "C:\\\\u000A")]
    public void Escape_ControlAndInvisibleCharacters_AreWrittenAsEscapes(string value, string expected) =>
        Assert.Equal(expected, LogText.Escape(value));

    [Fact]
    public void Escape_UnpairedSurrogate_IsWrittenAsAnEscape()
    {
        // Built at run time: an attribute argument cannot carry an unpaired surrogate (it is stored as UTF-8).
        var value = "x" + (char)0xD800 + "y" + (char)0xDC00;

        Assert.Equal("x\\uD800y\\uDC00", LogText.Escape(value));
    }

    [Fact]
    public void Escape_Null_IsMissing() => Assert.Equal("(missing)", LogText.Of(null).ToString());

    [Fact]
    public void Escape_LongValue_KeepsTheFirst64CharactersAndAnEllipsis()
    {
        var escaped = LogText.Escape(new string('a', 20_000));

        Assert.Equal(new string('a', LogText.MaxLength) + "…", escaped);
    }

    [Fact]
    public void Escape_ValueOfExactlyTheBound_IsNotCut() =>
        Assert.Equal(new string('b', LogText.MaxLength), LogText.Escape(new string('b', LogText.MaxLength)));

    [Fact]
    public void Escape_CutInsideASurrogatePair_DropsTheWholeCharacter()
    {
        var value = new string('a', LogText.MaxLength - 1) + "😀" + "tail";

        Assert.Equal(new string('a', LogText.MaxLength - 1) + "…", LogText.Escape(value));
    }

    [Fact]
    public void Escape_LongValueOfControlCharacters_IsBoundedToSixCharactersEach()
    {
        var escaped = LogText.Escape(new string('\n', 10_000));

        Assert.Equal((LogText.MaxLength * 6) + 1, escaped.Length);
        Assert.DoesNotContain('\n', escaped);
    }

    [Fact]
    public void String_ConvertsImplicitly_AndIsEscapedWhenWritten()
    {
        LogText text = "a\nb";

        Assert.Equal("a\\u000Ab", text.ToString());
    }
}
