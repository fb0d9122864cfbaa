using ClientVpnExporter.Aws;
using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Persistence;

/// <summary>One followed endpoint in the state file: where it is read, what it is, and its ledger.</summary>
internal sealed class EndpointRecord
{
    /// <summary>Successful discoveries in a row that may miss an endpoint before it is removed (see <c>FleetPoller</c>); a saved record has fewer absences.</summary>
    public const int DiscoveriesMissedBeforeRemoved = 3;

    /// <summary>The account key of the target that reads it (<see cref="Aws.AwsTarget.AccountKey"/>).</summary>
    public string Account { get; set; } = "";

    public EndpointDescription? Description { get; set; }

    /// <summary>How many successful discoveries in a row have not listed it.</summary>
    public int Absences { get; set; }

    public LedgerRecord Ledger { get; set; } = new();
}
