namespace ClientVpnExporter.Otlp;

/// <summary>
/// Keeps one fleet instrument under its cardinality limit in the OpenTelemetry SDK, so that no label set is ever
/// folded into <c>otel_metric_overflow</c>. What the SDK holds depends on the temporality: a cumulative store never
/// frees the slot of a label set that stopped being reported (every label set ever admitted counts), a delta store
/// reclaims it once a collect has passed without it (the label sets of the last two collects count; both facts are
/// pinned by <c>OtlpSdkFacts</c>). A label set that does not fit is refused, and counted, rather than overflowed.
/// </summary>
internal sealed class SeriesGuard
{
    private readonly string metric;
    private readonly int limit;
    private readonly bool reclaimed;
    private readonly OtlpPushMetrics metrics;
    private HashSet<string> current = new(StringComparer.Ordinal);
    private HashSet<string> previous = new(StringComparer.Ordinal);
    private int refused;

    public SeriesGuard(string metric, int limit, bool reclaimed, OtlpPushMetrics metrics)
    {
        this.metric = metric;
        this.limit = limit;
        this.reclaimed = reclaimed;
        this.metrics = metrics;
    }

    /// <summary>How many label sets the SDK may hold for this instrument now.</summary>
    public int Held => this.reclaimed ? this.current.Count + this.previous.Count(key => !this.current.Contains(key)) : this.current.Count;

    /// <summary>Whether the label set <paramref name="key"/> may be reported in this collect.</summary>
    public bool Admit(string key)
    {
        if (this.current.Contains(key) || (this.reclaimed && this.previous.Contains(key)))
        {
            this.current.Add(key);
            return true;
        }

        if (this.Held >= this.limit)
        {
            this.refused++;
            return false;
        }

        this.current.Add(key);
        return true;
    }

    /// <summary>Ends one collect: counts what was refused, and under delta forgets the label sets of the collect before last.</summary>
    public void EndCollect()
    {
        if (this.refused > 0)
        {
            this.metrics.Refused(this.metric, this.refused);
            this.refused = 0;
        }

        if (this.reclaimed)
        {
            (this.previous, this.current) = (this.current, this.previous);
            this.current.Clear();
        }
    }
}
