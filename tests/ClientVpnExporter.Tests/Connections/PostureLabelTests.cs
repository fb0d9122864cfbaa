using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Tests.Connections;

public class PostureLabelTests
{
    [Fact]
    public void From_NullOrEmpty_IsNone()
    {
        Assert.Equal("none", PostureLabel.From(null));
        Assert.Equal("none", PostureLabel.From([]));
        Assert.Equal("none", PostureLabel.From(["", "  "]));
    }

    [Fact]
    public void From_OrderAndDuplicates_DoNotMatter()
    {
        Assert.Equal("compliant,disk-encrypted", PostureLabel.From(["disk-encrypted", "compliant", "compliant"]));
        Assert.Equal(PostureLabel.From(["b", "a"]), PostureLabel.From(["a", "b"]));
    }

    [Fact]
    public void From_Whitespace_IsTrimmed()
    {
        Assert.Equal("compliant", PostureLabel.From([" compliant "]));
    }

    [Fact]
    public void From_LongValues_AreBoundedAndStayDistinct()
    {
        var a = PostureLabel.From([new string('x', 200) + "a"]);
        var b = PostureLabel.From([new string('x', 200) + "b"]);

        Assert.Equal(PostureLabel.MaxLength, a.Length);
        Assert.Equal(PostureLabel.MaxLength, b.Length);
        Assert.NotEqual(a, b);
        Assert.Equal(a, PostureLabel.From([new string('x', 200) + "a"]));
    }

    [Fact]
    public void From_ValueAtMaxLength_IsKeptWhole()
    {
        var value = new string('y', PostureLabel.MaxLength);
        Assert.Equal(value, PostureLabel.From([value]));
    }
}
