using System.Text.Json.Serialization;

namespace ClientVpnExporter.Aws.Services;

/// <summary>Organizations' JSON shapes the exporter sends and reads (botocore's organizations service-2.json), only the members it uses.</summary>
internal static class OrganizationsWire
{
    internal sealed class ListAccountsRequest
    {
        public string? NextToken { get; init; }
    }

    internal sealed class ListAccountsResponse
    {
        public List<Account>? Accounts { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class Account
    {
        public string? Id { get; init; }

        public string? Arn { get; init; }

        public string? Name { get; init; }

        public string? Email { get; init; }

        public string? Status { get; init; }

        public string? State { get; init; }

        [JsonConverter(typeof(EpochSecondsConverter))]
        public DateTimeOffset? JoinedTimestamp { get; init; }
    }

    internal sealed class ListChildrenRequest
    {
        public required string ParentId { get; init; }

        public required string ChildType { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class ListChildrenResponse
    {
        public List<Entity>? Children { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class ListParentsRequest
    {
        public required string ChildId { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class ListParentsResponse
    {
        public List<Entity>? Parents { get; init; }

        public string? NextToken { get; init; }
    }

    /// <summary>A child or a parent: its id and type.</summary>
    internal sealed class Entity
    {
        public string? Id { get; init; }

        public string? Type { get; init; }
    }

    internal sealed class ListTagsForResourceRequest
    {
        public required string ResourceId { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class ListTagsForResourceResponse
    {
        public List<Tag>? Tags { get; init; }

        public string? NextToken { get; init; }
    }

    internal sealed class Tag
    {
        public string? Key { get; init; }

        public string? Value { get; init; }
    }
}
