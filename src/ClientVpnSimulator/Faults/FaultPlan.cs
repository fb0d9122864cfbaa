namespace ClientVpnSimulator.Faults;

/// <summary>What the fault set decided for one request, drawn under the lock and carried out after it.</summary>
/// <param name="LatencyMs">The delay, summed over every rule that applies.</param>
/// <param name="Fault">The fault to inject, if any rule's draw fired.</param>
/// <param name="Rule">The rule that fired.</param>
/// <param name="DrawSeed">Seeds the draws of a <see cref="FaultKind.MalformedFields"/> or <see cref="FaultKind.UntidyPages"/> fault, made outside the lock.</param>
internal readonly record struct FaultPlan(int LatencyMs, FaultKind? Fault, FaultRule? Rule, ulong DrawSeed);
