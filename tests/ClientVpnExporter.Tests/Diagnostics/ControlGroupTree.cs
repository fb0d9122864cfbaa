using ClientVpnExporter.Diagnostics;
using ClientVpnExporter.Tests.Security;

namespace ClientVpnExporter.Tests.Diagnostics;

/// <summary>
/// A process's cgroup membership file and a cgroup mount laid out as the kernel shows them, in a scratch folder, so that
/// <see cref="ControlGroupMemory"/> can be pointed at a group with a limit on a machine that has none.
/// </summary>
internal sealed class ControlGroupTree : IDisposable
{
    private readonly ScratchFolder folder = new();

    public ControlGroupTree(string membership)
    {
        this.MembershipFile = this.folder.Write("cgroup", membership);
        this.MountRoot = this.folder.PathOf("sys-fs-cgroup");
        Directory.CreateDirectory(this.MountRoot);
    }

    public string MembershipFile { get; }

    public string MountRoot { get; }

    public ControlGroupMemory Memory => new(this.MembershipFile, this.MountRoot);

    /// <summary>Writes a file under the mount, e.g. <c>kubepods/pod1/memory.max</c>, creating its folders.</summary>
    public ControlGroupTree With(string relativePath, string text)
    {
        var file = Path.Combine(this.MountRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return this;
    }

    public void Dispose() => this.folder.Dispose();
}
