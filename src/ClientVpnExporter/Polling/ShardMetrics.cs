using System.Diagnostics.Metrics;
using System.Globalization;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Diagnostics;

namespace ClientVpnExporter.Polling;

/// <summary>
/// What this shard covers: <c>clientvpn_exporter_targets</c> (the targets it reads), <c>clientvpn_exporter_targets_seen</c>
/// (every target, before sharding) and <c>clientvpn_exporter_shard_info</c> (its index and the shard count), so the shards'
/// sum can be compared with what each sees.
/// </summary>
internal sealed class ShardMetrics
{
    public ShardMetrics(IMeterFactory meterFactory, IAwsTargets targets, ShardAssignment shards)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(shards);
        var meter = ExporterMeter.Create(meterFactory, ExporterMeter.Polling);
        meter.CreateObservableGauge(
            "clientvpn_exporter_targets",
            () => (long)targets.Targets.Count,
            unit: "{target}",
            description: "Targets (account and region) this exporter reads: with sharding, the ones its shard owns.");
        meter.CreateObservableGauge(
            "clientvpn_exporter_targets_seen",
            () => (long)targets.Seen,
            unit: "{target}",
            description: "Targets (account and region) configured or discovered in all, before sharding: what the shards together must read.");
        var labels = new KeyValuePair<string, object?>[]
        {
            new("shard", shards.Index.ToString(CultureInfo.InvariantCulture)),
            new("shards", shards.Shards.ToString(CultureInfo.InvariantCulture)),
        };
        meter.CreateObservableGauge(
            "clientvpn_exporter_shard_info",
            () => new Measurement<long>(1, labels),
            description: "This exporter's shard index and the shard count (1 shard, index 0, without sharding); always 1.");
    }
}
