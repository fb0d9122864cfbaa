using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Exposition;

namespace ClientVpnExporter.Polling;

/// <summary>
/// One endpoint the poll follows: what discovery last said of it, its ledger, its health, and the reading of its last
/// complete read, which stays served while later reads fail.
/// </summary>
internal sealed class TrackedEndpoint(string accountKey, EndpointDescription description, EndpointLedger ledger, EndpointHealth health)
{
    /// <summary>The account key of the target that first found it (<see cref="AwsTarget.AccountKey"/>).</summary>
    public string AccountKey { get; } = accountKey;

    /// <summary>The target whose discovery decides whether the endpoint still exists (<see cref="AwsTarget.Key"/>).</summary>
    public string TargetKey { get; } = AwsTarget.KeyOf(accountKey, description.Region);

    /// <summary>What the latest discovery that listed it said.</summary>
    public EndpointDescription Description { get; set; } = description;

    public EndpointLedger Ledger { get; } = ledger;

    public EndpointHealth Health { get; } = health;

    /// <summary>The reading of the last complete read; the saved totals after a restart; null before either.</summary>
    public EndpointReading? Reading { get; set; }

    /// <summary>The endpoint as scrapes see it at <paramref name="now"/>.</summary>
    public EndpointView ViewAt(DateTimeOffset now, TimeSpan staleAfter) => new()
    {
        Endpoint = this.Description,
        Up = this.Health.Up,
        Stale = this.Health.IsStale(now, staleAfter),
        LastSuccess = this.Health.LastSuccess,
        FailureCode = this.Health.FailureCode,
        Reading = this.Reading,
    };
}
