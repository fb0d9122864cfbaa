using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Tests.Diagnostics;

public sealed class ProcessLimitsTests
{
    [Fact]
    public void MaxOpenFiles_TableWithUnlimitedRows_IsTheOpenFilesSoftLimit()
    {
        // Captured: cpu time, file size, address space and others "unlimited"; open files 20000 20000.
        Assert.Equal(20_000, ProcessLimits.MaxOpenFiles(ProcSample.Read("limits-unlimited-rows.txt")));
    }

    [Fact]
    public void MaxOpenFiles_SoftBelowHard_IsTheSoftLimit()
    {
        // Captured under `prlimit --nofile=1024:4096`.
        Assert.Equal(1024, ProcessLimits.MaxOpenFiles(ProcSample.Read("limits-soft-below-hard.txt")));
    }

    [Fact]
    public void MaxOpenFiles_UnlimitedSoftLimit_IsTheLargestUnsignedValueAsClientGolangReportsIt()
    {
        var limits = ProcSample.Read("limits-soft-below-hard.txt").Replace(
            "Max open files            1024                 4096 ", "Max open files            unlimited            unlimited ", StringComparison.Ordinal);

        Assert.Equal(18_446_744_073_709_551_615d, ProcessLimits.MaxOpenFiles(limits));
    }

    [Fact]
    public void MaxOpenFiles_NoOpenFilesRow_ThrowsFormatException()
    {
        var limits = string.Join('\n', ProcSample.Read("limits-unlimited-rows.txt").Split('\n').Where(l => !l.StartsWith("Max open files", StringComparison.Ordinal)));

        Assert.Throws<FormatException>(() => ProcessLimits.MaxOpenFiles(limits));
    }
}
