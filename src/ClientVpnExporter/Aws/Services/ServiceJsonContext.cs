using System.Text.Json.Serialization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// Source-generated JSON metadata of the JSON-protocol shapes (no reflection, as Native AOT needs). Members keep their
/// C# names, which are AWS's; absent members are not sent, as botocore sends none.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AcmWire.DescribeCertificateRequest))]
[JsonSerializable(typeof(AcmWire.DescribeCertificateResponse))]
[JsonSerializable(typeof(OrganizationsWire.ListAccountsRequest))]
[JsonSerializable(typeof(OrganizationsWire.ListAccountsResponse))]
[JsonSerializable(typeof(OrganizationsWire.ListChildrenRequest))]
[JsonSerializable(typeof(OrganizationsWire.ListChildrenResponse))]
[JsonSerializable(typeof(OrganizationsWire.ListParentsRequest))]
[JsonSerializable(typeof(OrganizationsWire.ListParentsResponse))]
[JsonSerializable(typeof(OrganizationsWire.ListTagsForResourceRequest))]
[JsonSerializable(typeof(OrganizationsWire.ListTagsForResourceResponse))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;
