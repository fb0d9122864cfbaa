namespace ClientVpnSimulator.Protocol;

/// <summary>One <c>Filter.N</c> of a Describe request: a name and the values any of which may match.</summary>
/// <param name="Name">The filter name, case-sensitive.</param>
/// <param name="Values">The values, case-sensitive, joined with OR.</param>
internal sealed record QueryFilter(string Name, IReadOnlyList<string> Values);
