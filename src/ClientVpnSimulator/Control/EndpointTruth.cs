using System.Text.Json.Serialization;
using ClientVpnSimulator.Logs;

namespace ClientVpnSimulator.Control;

/// <summary>The ground truth of one endpoint.</summary>
/// <param name="EndpointId">The endpoint id.</param>
/// <param name="AccountId">The account that owns it.</param>
/// <param name="Status">The status DescribeClientVpnEndpoints reports for it.</param>
/// <param name="Deleted">Whether it was deleted (its totals are then frozen at the deletion).</param>
/// <param name="IngressBytes">Over every connection it ever had, listed ones at their current value.</param>
/// <param name="EgressBytes">Over every connection it ever had, listed ones at their current value.</param>
/// <param name="IngressPackets">Over every connection it ever had, listed ones at their current value.</param>
/// <param name="EgressPackets">Over every connection it ever had, listed ones at their current value.</param>
/// <param name="TotalsByPosture">The same totals split by exact posture list.</param>
/// <param name="Connections">What the API lists now, counted by status and exact posture list.</param>
/// <param name="ActiveUsers">Distinct users (user name, else common name) with an active connection.</param>
/// <param name="Health">Certificates, CRL, subnets, rules, routes and client-connect handler, as the APIs report them now.</param>
/// <param name="Users">Per-user totals and listed connections, only when asked for.</param>
/// <param name="ConnectionLog">The connection log's attempts as an exporter would count them.</param>
internal sealed record EndpointTruth(
    string EndpointId,
    string AccountId,
    string Status,
    bool Deleted,
    ulong IngressBytes,
    ulong EgressBytes,
    ulong IngressPackets,
    ulong EgressPackets,
    IReadOnlyList<PostureTruth> TotalsByPosture,
    IReadOnlyList<ConnectionGroup> Connections,
    int ActiveUsers,
    HealthTruth Health,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<UserTruth>? Users,
    ConnectionLogTruth ConnectionLog);
