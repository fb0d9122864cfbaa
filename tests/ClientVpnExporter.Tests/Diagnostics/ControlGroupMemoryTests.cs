using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Tests.Diagnostics;

public sealed class ControlGroupMemoryTests
{
    private const string V2Membership = "0::/kubepods.slice/pod1/container1\n";

    // The v1 membership of this machine, with the memory controller's own line among the others.
    private const string V1Membership = "9:name=systemd:/\n4:memory:/process_api/607bf789\n2:cpuacct:/\n1:cpu:/\n";

    [Fact]
    public void Limit_CgroupV2GroupWithMemoryMax_IsThatLimit()
    {
        using var tree = new ControlGroupTree(V2Membership)
            .With("cgroup.controllers", "cpu memory pids\n")
            .With("kubepods.slice/pod1/container1/memory.max", "268435456\n");

        Assert.Equal(268_435_456, tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV2MemoryMaxIsMax_IsUnknown()
    {
        using var tree = new ControlGroupTree(V2Membership)
            .With("cgroup.controllers", "cpu memory pids\n")
            .With("kubepods.slice/pod1/container1/memory.max", "max\n");

        Assert.Null(tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV2OwnNamespace_ReadsTheMountsRoot()
    {
        // A container with its own cgroup namespace sees its group as "/" and the mount is that group.
        using var tree = new ControlGroupTree("0::/\n")
            .With("cgroup.controllers", "cpu memory pids\n")
            .With("memory.max", "536870912\n");

        Assert.Equal(536_870_912, tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV2RootGroup_HasNoMemoryMaxAndIsUnknown()
    {
        using var tree = new ControlGroupTree("0::/\n").With("cgroup.controllers", "cpu memory pids\n");

        Assert.Null(tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV1MemoryController_IsItsLimitInBytes()
    {
        using var tree = new ControlGroupTree(V1Membership)
            .With("memory/memory.limit_in_bytes", "9223372036854771712\n")
            .With("memory/process_api/607bf789/memory.limit_in_bytes", "1073741824\n");

        Assert.Equal(1_073_741_824, tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV1Unlimited_IsUnknown()
    {
        // What this machine's kernel writes for no limit (the page counter's maximum, in bytes).
        using var tree = new ControlGroupTree(V1Membership)
            .With("memory/process_api/607bf789/memory.limit_in_bytes", "9223372036854771712\n");

        Assert.Null(tree.Memory.Limit());
    }

    [Fact]
    public void Limit_CgroupV1GroupNotUnderTheMount_ReadsTheMountsRoot()
    {
        // Docker without a cgroup namespace: /proc/self/cgroup names the host's path, the mount is the container's group.
        using var tree = new ControlGroupTree("4:memory:/docker/0123abcd\n")
            .With("memory/memory.limit_in_bytes", "402653184\n");

        Assert.Equal(402_653_184, tree.Memory.Limit());
    }

    [Fact]
    public void Limit_HybridHierarchyWithMemoryInV1_IsTheV1Limit()
    {
        // systemd's hybrid layout: a "0::" line for the unified hierarchy, mounted elsewhere with no controllers; memory is in v1.
        using var tree = new ControlGroupTree("0::/user.slice\n4:memory:/user.slice\n")
            .With("memory/user.slice/memory.limit_in_bytes", "805306368\n");

        Assert.Equal(805_306_368, tree.Memory.Limit());
    }

    [Fact]
    public void Limit_NoMembershipFile_IsUnknown()
    {
        Assert.Null(new ControlGroupMemory("/nonexistent/proc/self/cgroup", "/nonexistent/sys/fs/cgroup").Limit());
    }

    [Fact]
    public void Limit_UnreadableLimit_IsUnknown()
    {
        using var tree = new ControlGroupTree(V2Membership)
            .With("cgroup.controllers", "memory\n")
            .With("kubepods.slice/pod1/container1/memory.max", "lots\n");

        Assert.Null(tree.Memory.Limit());
    }
}
