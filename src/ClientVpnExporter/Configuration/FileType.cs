using System.Runtime.InteropServices;
using System.Text;

namespace ClientVpnExporter.Configuration;

/// <summary>
/// Whether a path is a regular file. .NET reports devices and pipes as ordinary files (FileAttributes.Normal, length 0),
/// so on Linux this asks the kernel with statx(2), whose result layout is the same on every architecture.
/// </summary>
internal static partial class FileType
{
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x0001;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000;
    private const int Regular = 0x8000;

    /// <summary>True for a regular file (after following symbolic links), false for anything else, null when it cannot be told (no such path, not Linux).</summary>
    public static bool? IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var name = Encoding.UTF8.GetBytes(path + "\0");
        var status = new byte[StatxSize];
        try
        {
            if (Statx(AtCurrentDirectory, name, 0, StatxType, status) != 0)
            {
                return null;
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without statx (glibc before 2.28): the size bound still applies.
            return null;
        }

        return (MemoryMarshal.Read<ushort>(status.AsSpan(ModeOffset)) & TypeMask) == Regular;
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx")]
    private static partial int Statx(int directory, byte[] path, int flags, uint mask, [Out] byte[] status);
}
