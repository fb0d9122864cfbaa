using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Tests.Polling.Model;

/// <summary>One connection of the model fleet: the truth of what it carried, whatever the API shows of it.</summary>
internal sealed class ModelConnection(string id, string user, DateTimeOffset establishedAt, TrafficCounters counters)
{
    public string Id { get; } = id;

    public string User { get; } = user;

    public DateTimeOffset EstablishedAt { get; } = establishedAt;

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Everything the connection carried so far.</summary>
    public TrafficCounters Counters { get; set; } = counters;

    /// <summary>What it had carried when the exporter first polled; zero for a connection that started later.</summary>
    public TrafficCounters AtFirstPoll { get; set; }

    public bool IsActive => this.EndedAt is null;

    /// <summary>The API lists active connections and those ended within its 60-minute window.</summary>
    public bool IsListedAt(DateTimeOffset now) => this.EndedAt is not { } ended || now - ended < ModelFleet.Window;
}
