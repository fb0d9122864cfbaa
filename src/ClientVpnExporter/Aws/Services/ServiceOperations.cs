namespace ClientVpnExporter.Aws.Services;

/// <summary>The actions the exporter calls on the services without an SDK package, as the <c>operation</c> label and for IAM policies.</summary>
internal static class ServiceOperations
{
    public const string DescribeCertificate = "DescribeCertificate";
    public const string GetSamlProvider = "GetSAMLProvider";
    public const string ListAccounts = "ListAccounts";
    public const string ListChildren = "ListChildren";
    public const string ListParents = "ListParents";
    public const string ListTagsForResource = "ListTagsForResource";
    public const string FilterLogEvents = "FilterLogEvents";

    /// <summary>Every one of them, for the metric limits (<see cref="AwsApiMetricLimits"/>).</summary>
    public static readonly IReadOnlyList<string> All =
        [DescribeCertificate, GetSamlProvider, ListAccounts, ListChildren, ListParents, ListTagsForResource, FilterLogEvents];
}
