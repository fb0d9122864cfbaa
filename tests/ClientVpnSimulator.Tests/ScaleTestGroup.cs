namespace ClientVpnSimulator.Tests;

// Timing and memory measurements run alone, so other tests neither slow them nor pollute the heap.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScaleTestGroup
{
    public const string Name = "Scale";
}
