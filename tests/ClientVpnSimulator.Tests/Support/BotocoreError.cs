namespace ClientVpnSimulator.Tests.Support;

/// <summary>The error botocore raised: its code and message, and the HTTP status of the answer.</summary>
public sealed record BotocoreError(string Code, string Message, int HttpStatusCode);
