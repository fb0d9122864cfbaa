using ClientVpnExporter.Connections;

namespace ClientVpnExporter.Persistence;

/// <summary>
/// Checks a state document read from disk before any of it is used: a file edited by hand or damaged in a way
/// JSON still accepts must not put garbage into totals or labels.
/// </summary>
internal static class StateDocumentCheck
{
    public static string? Problem(StateDocument document)
    {
        var endpoints = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in document.Endpoints ?? [])
        {
            if (endpoint?.Description is not { EndpointId: { } id } description || !id.StartsWith("cvpn-endpoint-", StringComparison.Ordinal)
                || description.Region is null || description.Tags is null || !endpoints.Add(id))
            {
                return "an endpoint has no description, a malformed id or a duplicate id";
            }

            if (endpoint.Absences is < 0 or >= EndpointRecord.DiscoveriesMissedBeforeRemoved || endpoint.Ledger is not { } ledger
                || ledger.Totals is null || ledger.SessionDurations is null || ledger.Connections is null || ledger.Users is null)
            {
                return $"endpoint {id} has an incomplete ledger";
            }

            if (ledger.Connections.Any(c => c is null || !ConnectionParser.IsConnectionId(c.Id) || c.Missed is < 0 or >= EndpointLedger.ListingsMissedBeforeForgotten || c.UnknownFields > 0b1111)
                || ledger.Totals.Any(t => t.Posture is null) || ledger.Users.Any(u => u?.User is null))
            {
                return $"endpoint {id} has a malformed connection, posture or user";
            }

            var postures = new HashSet<string>(StringComparer.Ordinal);
            if (ledger.SessionDurations.Any(s => s?.Posture is null || !postures.Add(s.Posture) || SessionDurationHistogram.From(s.BucketCounts, s.Sum, s.Count) is null))
            {
                return $"endpoint {id} has a malformed session-duration histogram";
            }
        }

        return null;
    }
}
