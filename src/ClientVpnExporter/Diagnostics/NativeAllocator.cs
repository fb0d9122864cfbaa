using System.Runtime.InteropServices;

namespace ClientVpnExporter.Diagnostics;

/// <summary>
/// Sets glibc's malloc so that large native buffers freed go back to the system. Each gzip scrape compresses the
/// exporter's part with a new zlib stream, whose state (about 256 KB) is allocated and freed natively. glibc serves
/// allocations from 128 KB upwards with their own mappings until the first is freed, then raises that threshold, so
/// later zlib states come from per-thread arenas, which keep what was freed: about 2 MB resident per thread-pool thread
/// (docs/performance.md, "Where the small fleet's resident memory goes"). A fixed threshold of 64 KB keeps them mapped
/// and unmapped, and stops the raising. An operator's <c>MALLOC_MMAP_THRESHOLD_</c> wins.
/// </summary>
internal static partial class NativeAllocator
{
    /// <summary>glibc's environment variable for the same setting (read before <c>Main</c>).</summary>
    public const string ThresholdVariable = "MALLOC_MMAP_THRESHOLD_";

    /// <summary>Native allocations from this size on get mappings of their own, returned to the system when freed.</summary>
    public const int MappedFrom = 64 * 1024;

    /// <summary><c>M_MMAP_THRESHOLD</c> in glibc's <c>malloc.h</c>.</summary>
    private const int MmapThresholdParameter = -3;

    /// <summary>Applies <see cref="MappedFrom"/> on glibc Linux; elsewhere (or with the variable set) changes nothing.</summary>
    public static void ReturnLargeBuffers()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(ThresholdVariable) is not null)
        {
            return;
        }

        try
        {
            _ = Mallopt(MmapThresholdParameter, MappedFrom);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no mallopt): its allocator has its own policy, and nothing here applies.
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
