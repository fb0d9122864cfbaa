using System.Collections.Immutable;

namespace ClientVpnExporter.Connections;

/// <summary>
/// The durations of one endpoint's ended sessions with one posture, in seconds: cumulative bucket counts, sum and
/// count, as Prometheus exposes them. Immutable: observing returns a new histogram, so a published reading never
/// changes, and every count only grows for the ledger's life.
/// </summary>
internal sealed class SessionDurationHistogram
{
    private SessionDurationHistogram(ImmutableArray<long> bucketCounts, double sum, long count)
    {
        this.BucketCounts = bucketCounts;
        this.Sum = sum;
        this.Count = count;
    }

    /// <summary>The buckets' upper bounds in seconds (inclusive), from one minute to one day; +Inf is <see cref="Count"/>.</summary>
    public static ImmutableArray<double> BucketBounds { get; } = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 43200, 86400];

    /// <summary>No session observed.</summary>
    public static SessionDurationHistogram Empty { get; } = new([.. new long[BucketBounds.Length]], 0, 0);

    /// <summary>For each bound of <see cref="BucketBounds"/>, how many sessions lasted at most that long.</summary>
    public ImmutableArray<long> BucketCounts { get; }

    /// <summary>The sum of every observed duration, in seconds.</summary>
    public double Sum { get; }

    /// <summary>How many sessions were observed.</summary>
    public long Count { get; }

    /// <summary>
    /// The histogram as a record kept it; null when the record cannot be one: a bucket count for another set of bounds,
    /// counts that decrease from one bucket to the next or exceed the count, or a negative or non-finite sum.
    /// </summary>
    public static SessionDurationHistogram? From(IReadOnlyList<long>? bucketCounts, double sum, long count)
    {
        if (bucketCounts is null || bucketCounts.Count != BucketBounds.Length || !double.IsFinite(sum) || sum < 0 || count < 0)
        {
            return null;
        }

        var previous = 0L;
        foreach (var bucket in bucketCounts)
        {
            if (bucket < previous || bucket > count)
            {
                return null;
            }

            previous = bucket;
        }

        return new([.. bucketCounts], sum, count);
    }

    /// <summary>This histogram with <paramref name="durations"/> observed; a negative duration counts as zero.</summary>
    public SessionDurationHistogram Observe(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var buckets = this.BucketCounts.ToArray();
        var sum = this.Sum;
        var count = this.Count;
        foreach (var duration in durations)
        {
            var seconds = Math.Max(0, duration.TotalSeconds);
            for (var i = 0; i < buckets.Length; i++)
            {
                if (seconds <= BucketBounds[i])
                {
                    buckets[i]++;
                }
            }

            sum += seconds;
            count++;
        }

        return new([.. buckets], sum, count);
    }
}
