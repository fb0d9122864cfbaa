using System.Globalization;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Faults;

/// <summary>Checks a fault set before it is put in force, so that a typo is refused instead of silently injecting nothing.</summary>
internal static class FaultSetValidator
{
    /// <summary>The longest latency a rule may add, five minutes.</summary>
    public const int MaxLatencyMs = 300_000;

    /// <summary>What is wrong with <paramref name="faults"/>, one sentence per problem; empty when nothing is.</summary>
    public static IReadOnlyList<string> Validate(FaultSet faults, RuleScope scope)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(scope);
        var problems = new List<string>();
        for (var i = 0; i < faults.Rules.Count; i++)
        {
            var rule = faults.Rules[i];
            var name = string.Create(CultureInfo.InvariantCulture, $"rules[{i}]");
            if (rule is null)
            {
                problems.Add($"{name} must be an object.");
                continue;
            }

            scope.Check(name, rule.Action, rule.AccountId, problems);
            CheckRate(problems, name, "throttleRate", rule.ThrottleRate);
            CheckRate(problems, name, "serverErrorRate", rule.ServerErrorRate);
            CheckRate(problems, name, "hangRate", rule.HangRate);
            CheckRate(problems, name, "truncatedXmlRate", rule.TruncatedXmlRate);
            CheckRate(problems, name, "malformedXmlRate", rule.MalformedXmlRate);
            CheckRate(problems, name, "authFailureRate", rule.AuthFailureRate);
            CheckRate(problems, name, "malformedFieldRate", rule.MalformedFieldRate);
            CheckRate(problems, name, "untidyPageRate", rule.UntidyPageRate);
            if (rule.LatencyMs is < 0 or > MaxLatencyMs)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}.latencyMs must be an integer between 0 and {MaxLatencyMs} (got {rule.LatencyMs})."));
            }

            if (rule.InvalidNextTokenFromPage < 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}.invalidNextTokenFromPage must be 0 (off) or a page number from 2 on (got {rule.InvalidNextTokenFromPage})."));
            }

            if (rule.EndpointId is not null && rule.Action != RuleScope.AnyAction && !Ec2ActionGroups.PerEndpoint.Contains(scope.ActionOf(rule.Action) ?? string.Empty))
            {
                problems.Add($"{name}.endpointId only applies to {string.Join(", ", Ec2ActionGroups.PerEndpoint.Order(StringComparer.Ordinal))} (the rule's action is \"{rule.Action}\").");
            }

            foreach (var field in rule.MalformedFields?.Keys ?? [])
            {
                if (!ConnectionFieldRewriter.Fields.Contains(field))
                {
                    problems.Add($"{name}.malformedFields may name {string.Join(", ", ConnectionFieldRewriter.Fields)} (got \"{field}\").");
                }
            }
        }

        return problems;
    }

    private static void CheckRate(List<string> problems, string rule, string property, double rate)
    {
        if (!double.IsFinite(rate) || rate < 0 || rate > 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{rule}.{property} must be a number between 0 and 1 (got {rate})."));
        }
    }
}
