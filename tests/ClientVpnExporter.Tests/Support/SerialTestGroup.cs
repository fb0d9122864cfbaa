namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// Tests that must not share the machine with other tests even once the suite runs in parallel: they redirect the
/// console, measure GC or memory, depend on timing or the number of cores, or build a fleet of 200,000 connections.
/// Mark such a class with <c>[Collection(SerialTestGroup.Name)]</c>: the rest of the suite runs in parallel
/// (AssemblyInfo.cs), and xunit runs this group's classes on their own once the parallel ones are done.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTestGroup
{
    public const string Name = "Serial";
}
