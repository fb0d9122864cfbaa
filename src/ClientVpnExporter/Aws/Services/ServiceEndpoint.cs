namespace ClientVpnExporter.Aws.Services;

/// <summary>Where a service's requests for one target go, and the region their signature names.</summary>
internal sealed record ServiceEndpoint(Uri Url, string SigningRegion);
