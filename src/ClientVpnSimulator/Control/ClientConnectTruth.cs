namespace ClientVpnSimulator.Control;

/// <summary>The client-connect handler.</summary>
/// <param name="Enabled">Whether one runs.</param>
/// <param name="LambdaFunctionArn">Its function; null when none.</param>
/// <param name="Status"><c>applied</c> or <c>applying</c>.</param>
internal sealed record ClientConnectTruth(bool Enabled, string? LambdaFunctionArn, string Status);
