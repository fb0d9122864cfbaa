using ClientVpnSimulator.Fleet;
using ClientVpnSimulator.Protocol;

namespace ClientVpnSimulator.Faults;

/// <summary>
/// Injects the faults of the fault set in force. Every rule that applies to a request adds its latency; the
/// rules then draw, in order, and the first fault that fires decides the answer (see <see cref="FaultKind"/>
/// for the order within a rule). Faults on the body only apply to successful answers. Every fault injected
/// is counted for ground truth.
/// </summary>
/// <remarks>
/// Draws come from one generator seeded by the fault set, so the same requests in the same order meet the
/// same faults. A rate of 0 draws nothing, so adding a rule's unused fields does not shift the sequence.
/// </remarks>
internal sealed class FaultInjectionStage : IQueryStage
{
    private readonly Lock sync = new();
    private readonly RuleScope scope;
    private readonly PageTokenCodec tokens;
    private readonly TimeProvider time;
    private readonly int defaultSeed;
    private readonly long[] counts = new long[Enum.GetValues<FaultKind>().Length];
    private FaultSet current;
    private SeededRandom random;
    private long serverErrors;

    /// <summary>Creates a stage that injects nothing until a fault set is put in force.</summary>
    /// <param name="scope">Decides which requests a rule applies to.</param>
    /// <param name="tokens">Reads the page a <c>NextToken</c> leads to.</param>
    /// <param name="time">Real time, for latency.</param>
    /// <param name="defaultSeed">The seed of a fault set that names none.</param>
    public FaultInjectionStage(RuleScope scope, PageTokenCodec tokens, TimeProvider time, int defaultSeed)
    {
        this.scope = scope;
        this.tokens = tokens;
        this.time = time;
        this.defaultSeed = defaultSeed;
        this.current = new FaultSet { Seed = defaultSeed };
        this.random = new SeededRandom(unchecked((ulong)defaultSeed));
    }

    /// <summary>The fault set in force, its seed filled in.</summary>
    public FaultSet Current
    {
        get
        {
            lock (this.sync)
            {
                return this.current;
            }
        }
    }

    /// <summary>Puts <paramref name="faults"/> in force and restarts the draws from its seed.</summary>
    public void Replace(FaultSet faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var seed = faults.Seed ?? this.defaultSeed;
        lock (this.sync)
        {
            this.current = new FaultSet { Seed = seed, Rules = faults.Rules };
            this.random = new SeededRandom(unchecked((ulong)seed));
        }
    }

    /// <summary>What <paramref name="faults"/> would break; see <see cref="FaultSetValidator"/>.</summary>
    public IReadOnlyList<string> Validate(FaultSet faults) => FaultSetValidator.Validate(faults, this.scope);

    /// <summary>The faults injected so far, by kind.</summary>
    public FaultTotals Totals() => new(
        this.Count(FaultKind.Throttle),
        this.Count(FaultKind.ServerError),
        this.Count(FaultKind.Latency),
        this.Count(FaultKind.Hang),
        this.Count(FaultKind.TruncatedXml),
        this.Count(FaultKind.MalformedXml),
        this.Count(FaultKind.AuthFailure),
        this.Count(FaultKind.EndpointNotFound),
        this.Count(FaultKind.InvalidNextToken),
        this.Count(FaultKind.MalformedFields),
        this.Count(FaultKind.UntidyPages));

    /// <inheritdoc/>
    public async ValueTask<QueryResult> InvokeAsync(QueryRequest request, QueryHandler next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(next);
        var plan = this.Plan(request);
        if (plan.LatencyMs > 0)
        {
            this.Add(FaultKind.Latency, 1);
            await Task.Delay(TimeSpan.FromMilliseconds(plan.LatencyMs), this.time, cancellationToken);
        }

        if (plan.Fault is { } fault && this.Refusal(fault, request) is { } refusal)
        {
            this.Add(fault, 1);
            return refusal;
        }

        if (plan.Fault == FaultKind.Hang)
        {
            this.Add(FaultKind.Hang, 1);
            await Task.Delay(Timeout.InfiniteTimeSpan, this.time, cancellationToken);
        }

        var untidy = plan.Fault == FaultKind.UntidyPages ? new UntidyPage(plan.DrawSeed) : null;
        var answer = await next(untidy is null ? request : request.WithUntidyPage(untidy), cancellationToken);
        if (answer.StatusCode != 200 || plan.Fault is not { } bodyFault)
        {
            return answer;
        }

        if (untidy is { Applied: true })
        {
            this.Add(FaultKind.UntidyPages, 1);
        }

        switch (bodyFault)
        {
            case FaultKind.TruncatedXml:
                this.Add(bodyFault, 1);
                return new TruncatedXmlResult(answer);
            case FaultKind.MalformedXml:
                this.Add(bodyFault, 1);
                return new NotXmlResult();
            case FaultKind.MalformedFields:
                var rule = plan.Rule!;
                var (rewritten, items) = ConnectionFieldRewriter.Rewrite(answer, rule.MalformedFields!, rule.MalformedFieldRate, new SeededRandom(plan.DrawSeed));
                this.Add(bodyFault, items);
                return rewritten;
            default:
                return answer;
        }
    }

    // The answer of a fault that replaces the action's; null for the faults that let the request through.
    private QueryResult? Refusal(FaultKind fault, QueryRequest request) => fault switch
    {
        FaultKind.Throttle => ServiceErrors.Throttled(request),
        FaultKind.ServerError => ServiceErrors.ServerError(request, unavailable: Interlocked.Increment(ref this.serverErrors) % 2 == 0),
        FaultKind.AuthFailure => ServiceErrors.AuthFailure(request),
        FaultKind.EndpointNotFound => new ErrorQueryResult(QueryError.EndpointNotFound(request.Get("ClientVpnEndpointId") ?? string.Empty), request.RequestId, request.Service),
        FaultKind.InvalidNextToken => ServiceErrors.InvalidNextToken(request),
        _ => null,
    };

    private FaultPlan Plan(QueryRequest request)
    {
        lock (this.sync)
        {
            var latency = 0;
            (FaultKind Kind, FaultRule Rule)? chosen = null;
            foreach (var rule in this.current.Rules)
            {
                if (!this.Applies(rule, request))
                {
                    continue;
                }

                latency += rule.LatencyMs;
                if (chosen is null && this.Draw(rule, request) is { } kind)
                {
                    chosen = (kind, rule);
                }
            }

            var drawSeed = chosen?.Kind is FaultKind.MalformedFields or FaultKind.UntidyPages ? this.random.NextUInt64() : 0;
            return new FaultPlan(latency, chosen?.Kind, chosen?.Rule, drawSeed);
        }
    }

    private bool Applies(FaultRule rule, QueryRequest request) =>
        this.scope.Matches(rule.Action, rule.AccountId, request)
        && (rule.EndpointId is null || (Ec2ActionGroups.PerEndpoint.Contains(request.Action) && request.Get("ClientVpnEndpointId") == rule.EndpointId));

    private FaultKind? Draw(FaultRule rule, QueryRequest request)
    {
        if (this.Fires(rule.HangRate))
        {
            return FaultKind.Hang;
        }

        if (this.Fires(rule.ThrottleRate))
        {
            return FaultKind.Throttle;
        }

        if (this.Fires(rule.ServerErrorRate))
        {
            return FaultKind.ServerError;
        }

        if (this.Fires(rule.AuthFailureRate))
        {
            return FaultKind.AuthFailure;
        }

        if (rule.EndpointNotFound && Ec2ActionGroups.PerEndpoint.Contains(request.Action))
        {
            return FaultKind.EndpointNotFound;
        }

        if (rule.InvalidNextTokenFromPage > 0 && request.Get("NextToken") is { } token
            && this.tokens.TryReadPage(token, out var page) && page >= rule.InvalidNextTokenFromPage)
        {
            return FaultKind.InvalidNextToken;
        }

        if (this.Fires(rule.TruncatedXmlRate))
        {
            return FaultKind.TruncatedXml;
        }

        if (this.Fires(rule.MalformedXmlRate))
        {
            return FaultKind.MalformedXml;
        }

        if (Ec2ActionGroups.Paginated.Contains(request.Action) && this.Fires(rule.UntidyPageRate))
        {
            return FaultKind.UntidyPages;
        }

        return rule.MalformedFields is { Count: > 0 } && request.Action == DescribeClientVpnConnectionsAction.ActionName ? FaultKind.MalformedFields : null;
    }

    private bool Fires(double rate) => rate > 0 && this.random.NextBool(rate);

    private void Add(FaultKind kind, long count) => Interlocked.Add(ref this.counts[(int)kind], count);

    private long Count(FaultKind kind) => Interlocked.Read(ref this.counts[(int)kind]);
}
