using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Tests.Diagnostics;

public sealed class ProcessStatTests
{
    // Captured from a copy of bash named "ex (a) b)" after two seconds of busy loop: utime 41, stime 0 ticks,
    // vsize 4464640 bytes, rss 765 pages, starttime 1139437 ticks.
    private const string NameWithSpacesAndParentheses = "stat-name-with-spaces-and-parentheses.txt";

    [Fact]
    public void Parse_NameWithSpacesAndParentheses_CountsTheFieldsFromTheLastParenthesis()
    {
        var stat = ProcessStat.Parse(ProcSample.Read(NameWithSpacesAndParentheses), pageSize: 4096);

        Assert.Equal(0.41, stat.CpuSeconds, precision: 9);
        Assert.Equal(4_464_640, stat.VirtualMemoryBytes);
        Assert.Equal(765 * 4096, stat.ResidentMemoryBytes);
        Assert.Equal(11_394.37, stat.StartSecondsAfterBoot, precision: 9);
    }

    [Fact]
    public void Parse_UserAndSystemTicks_AddsBothAtOneHundredPerSecond()
    {
        var line = ProcSample.Read(NameWithSpacesAndParentheses).Replace(") S 1 25968 15845 0 -1 4194304 225 0 0 0 41 0 ", ") S 1 25968 15845 0 -1 4194304 225 0 0 0 41 250 ", StringComparison.Ordinal);

        Assert.Equal(2.91, ProcessStat.Parse(line, pageSize: 4096).CpuSeconds, precision: 9);
    }

    [Fact]
    public void Parse_PageSize_ScalesTheResidentPages()
    {
        Assert.Equal(765 * 65536, ProcessStat.Parse(ProcSample.Read(NameWithSpacesAndParentheses), pageSize: 65536).ResidentMemoryBytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("25973 (ex (a) b)) S 1 25968")]
    [InlineData("25973 ex S 1 25968 15845 0 -1 4194304 225 0 0 0 41 0 0 0 20 0 1 0 1139437 4464640 765")]
    [InlineData("25973 (ex) S 1 25968 15845 0 -1 4194304 225 0 0 0 -41 0 0 0 20 0 1 0 1139437 4464640 765")]
    public void Parse_NotAStatLine_ThrowsFormatException(string line)
    {
        Assert.Throws<FormatException>(() => ProcessStat.Parse(line, pageSize: 4096));
    }

    [Fact]
    public void BootTime_ProcStat_IsTheBtimeLine()
    {
        Assert.Equal(1_796_112_221, ProcessStat.BootTime(ProcSample.Read("proc-stat.txt")));
    }

    [Fact]
    public void BootTime_NoBtimeLine_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => ProcessStat.BootTime("cpu  1 2 3\nprocesses 7\n"));
    }
}
