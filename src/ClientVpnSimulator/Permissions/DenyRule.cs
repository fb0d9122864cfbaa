using System.Text.Json.Serialization;

namespace ClientVpnSimulator.Permissions;

/// <summary>One action IAM denies: <c>{"accountId":"222222222222","action":"DescribeClientVpnConnections"}</c>.</summary>
internal sealed record DenyRule
{
    /// <summary>The account whose requests are denied; null for every account.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? AccountId { get; set; }

    /// <summary>The action denied, or <c>*</c> for every action.</summary>
    public string Action { get; set; } = "*";
}
