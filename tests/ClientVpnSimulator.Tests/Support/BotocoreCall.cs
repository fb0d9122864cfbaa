namespace ClientVpnSimulator.Tests.Support;

/// <summary>One botocore call: an operation of a service, its parameters, whose keys sign it, a page size to page with, and the region it signs for.</summary>
public sealed record BotocoreCall(
    string Service,
    string Operation,
    Dictionary<string, object>? Params = null,
    int? PageSize = null,
    Dictionary<string, string>? Credentials = null,
    string? Region = null);
