namespace ClientVpnSimulator.Fleet;

/// <summary>
/// The posture results an endpoint's client-connect handler returns, with how often each occurs.
/// Endpoints without a handler only ever report an empty list.
/// </summary>
internal sealed class PostureCatalog
{
    private static readonly (string[] Statuses, double Weight)[] HandlerResults =
    [
        (["compliant"], 0.70),
        (["non-compliant"], 0.12),
        (["compliant", "disk-encrypted"], 0.10),
        ([], 0.08),
    ];

    private readonly PostureProfile[] profiles;
    private readonly double[] cumulativeWeights;

    /// <summary>Creates the catalogue of one endpoint, whose profiles hold that endpoint's accumulators.</summary>
    public PostureCatalog(bool clientConnectHandlerEnabled)
    {
        var results = clientConnectHandlerEnabled ? HandlerResults : [([], 1.0)];
        this.profiles = [.. results.Select(r => new PostureProfile(r.Statuses))];
        this.cumulativeWeights = new double[results.Length];
        var sum = 0.0;
        for (var i = 0; i < results.Length; i++)
        {
            sum += results[i].Weight;
            this.cumulativeWeights[i] = sum;
        }
    }

    /// <summary>Every profile, in catalogue order.</summary>
    public IReadOnlyList<PostureProfile> Profiles => this.profiles;

    /// <summary>Draws the result for a new connection.</summary>
    public PostureProfile Draw(SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var x = random.NextDouble() * this.cumulativeWeights[^1];
        for (var i = 0; i < this.profiles.Length - 1; i++)
        {
            if (x < this.cumulativeWeights[i])
            {
                return this.profiles[i];
            }
        }

        return this.profiles[^1];
    }
}
