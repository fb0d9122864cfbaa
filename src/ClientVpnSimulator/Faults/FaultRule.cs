using System.Text.Json.Serialization;

namespace ClientVpnSimulator.Faults;

/// <summary>
/// One rule of <c>PUT /sim/faults</c>: which requests it applies to, and the faults it injects into them.
/// Rates are probabilities drawn from the fault set's seeded generator; 1 means every matching request.
/// </summary>
/// <remarks>
/// Settable rather than init-only: the JSON source generator sets every init-only property, absent ones
/// to their type's default, which would lose the defaults declared here.
/// </remarks>
internal sealed record FaultRule
{
    /// <summary>The action the rule applies to, or <c>*</c> for every implemented action.</summary>
    public string Action { get; set; } = "*";

    /// <summary>Only requests that act in this account; null for every account.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    /// <summary>Only DescribeClientVpnConnections requests for this endpoint; null for any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EndpointId { get; set; }

    /// <summary>Share answered throttled: EC2 503 <c>RequestLimitExceeded</c>, STS 400 <c>Throttling</c>.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share answered with a server error, alternately 500 <c>InternalError</c> and 503 <c>Unavailable</c> (STS: <c>InternalFailure</c>, <c>ServiceUnavailable</c>).</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Milliseconds of real time added before answering.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Share never answered: held until the client disconnects or the server stops, then the connection is dropped.</summary>
    public double HangRate { get; set; }

    /// <summary>Share of successful answers whose XML is cut in half.</summary>
    public double TruncatedXmlRate { get; set; }

    /// <summary>Share of successful answers replaced with a body that is not XML.</summary>
    public double MalformedXmlRate { get; set; }

    /// <summary>Share answered 401 <c>AuthFailure</c> (STS: 403 <c>InvalidClientTokenId</c>).</summary>
    public double AuthFailureRate { get; set; }

    /// <summary>Whether DescribeClientVpnConnections answers <c>InvalidClientVpnEndpointId.NotFound</c> although discovery still lists the endpoint.</summary>
    public bool EndpointNotFound { get; set; }

    /// <summary>When above 0, a <c>NextToken</c> that leads to this page or a later one is answered <c>InvalidNextToken</c>.</summary>
    public int InvalidNextTokenFromPage { get; set; }

    /// <summary>
    /// Share of DescribeClientVpnConnections and DescribeClientVpnEndpoints pages answered as EC2 sometimes does:
    /// a page before the end holds fewer than <c>MaxResults</c> items (none, even) and still carries a
    /// <c>NextToken</c>; the page that ends the listing carries one anyway, leading to an empty page (which may carry
    /// one more, to an empty page without).
    /// </summary>
    public double UntidyPageRate { get; set; }

    /// <summary>Connection fields (element names) whose values are replaced; the value <c>@random</c> draws a random string each time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? MalformedFields { get; set; }

    /// <summary>The share of connection items whose <see cref="MalformedFields"/> are replaced.</summary>
    public double MalformedFieldRate { get; set; } = 1.0;
}
