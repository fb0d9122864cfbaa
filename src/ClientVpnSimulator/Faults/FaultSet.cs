namespace ClientVpnSimulator.Faults;

/// <summary>The body of <c>PUT /sim/faults</c>: the seed of every fault draw and the rules, applied in order.</summary>
internal sealed record FaultSet
{
    /// <summary>The seed of the draws; absent, the simulator's seed. Putting a fault set restarts its draws.</summary>
    public int? Seed { get; set; }

    /// <summary>The rules, in the order they are applied.</summary>
    public IReadOnlyList<FaultRule> Rules { get; set; } = [];
}
