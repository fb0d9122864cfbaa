namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// One call's request as a protocol encodes it: the operation (the <c>operation</c> label), the POST body, its content
/// type and, for the JSON protocol, the <c>X-Amz-Target</c> header.
/// </summary>
internal sealed record ServiceRequest(string Operation, byte[] Body, string ContentType, string? AmzTarget = null);
