namespace ClientVpnExporter.Aws;

/// <summary>What one read of the organisation found.</summary>
/// <param name="Kept">The ids of the active accounts the filters keep, in order: the accounts read.</param>
/// <param name="Excluded">Active accounts the filters left out.</param>
/// <param name="Inactive">Accounts listed but not active (suspended, pending closure or closed).</param>
internal sealed record OrganizationReading(IReadOnlyList<string> Kept, int Excluded, int Inactive);
