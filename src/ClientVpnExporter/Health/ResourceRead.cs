namespace ClientVpnExporter.Health;

/// <summary>How the health loop's reads of one resource of one endpoint are going.</summary>
/// <param name="Resource">The resource read.</param>
/// <param name="LastSuccess">When a read of it last completed; null until one did.</param>
/// <param name="FailureCode">The AWS error code (<see cref="Aws.ApiOutcome"/>) of the current run of failures; null while reads succeed.</param>
/// <param name="Denied">True while the last read was not permitted: its part of the reading is left out until one succeeds.</param>
internal sealed record ResourceRead(HealthResource Resource, DateTimeOffset? LastSuccess, string? FailureCode, bool Denied);
