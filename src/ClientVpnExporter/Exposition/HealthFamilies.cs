using ClientVpnExporter.Health;

namespace ClientVpnExporter.Exposition;

/// <summary>
/// The endpoint-health families (issue 12): what the health loop read (<see cref="EndpointView.Health"/>), and what
/// discovery describes of each endpoint's client CIDR block and client-connect handler. Timestamps are Unix seconds;
/// every family is keyed by <c>endpoint_id</c>, as the other endpoint families are. They never went through
/// OpenTelemetry, so they carry no scope labels. A part the health loop has not read (or may not read) has no series.
/// </summary>
internal static class HealthFamilies
{
    private const string EndpointId = "endpoint_id";

    /// <summary>The <c>resource</c> of the connection log's last complete read, which the attempts loop makes.</summary>
    private const string ConnectionLogResource = "connection_log";

    public static IEnumerable<MetricFamily> All()
    {
        yield return Health("clientvpn_endpoint_certificate_expiry_timestamp", "s", "When the endpoint's ACM certificate expires (NotAfter), as a Unix time; certificate is server or client_root (the mutual-authentication client root chain).", (id, health, writer) =>
        {
            foreach (var certificate in health.Certificates)
            {
                if (certificate.NotAfter is { } notAfter)
                {
                    writer.Add(Seconds(notAfter), [new(EndpointId, id), new("certificate", certificate.Certificate)]);
                }
            }
        });
        yield return Health("clientvpn_endpoint_certificate_info", "", "The endpoint's ACM certificate with ACM's status, type (imported ones ACM never renews) and renewal eligibility, lower-cased, as labels; always 1.", (id, health, writer) =>
        {
            foreach (var c in health.Certificates)
            {
                writer.Add(1L,
                [
                    new(EndpointId, id), new("certificate", c.Certificate), new("certificate_arn", c.Arn), new("status", c.Status), new("type", c.Type),
                    new("renewal_eligibility", c.RenewalEligibility),
                ]);
            }
        });
        yield return Health("clientvpn_endpoint_saml_provider_expiry_timestamp", "s", "When the federated endpoint's IAM SAML provider stops being valid (ValidUntil), as a Unix time; provider is saml or self_service_saml.", (id, health, writer) =>
        {
            foreach (var provider in health.SamlProviders)
            {
                if (provider.ValidUntil is { } validUntil)
                {
                    writer.Add(Seconds(validUntil), [new(EndpointId, id), new("provider", provider.Provider)]);
                }
            }
        });
        yield return Crl("clientvpn_endpoint_crl_next_update_timestamp", "s", "The nextUpdate of the endpoint's client certificate revocation list, as a Unix time: past it, clients cannot connect.", (id, crl, writer) =>
        {
            if (crl.NextUpdate is { } nextUpdate)
            {
                writer.Add(Seconds(nextUpdate), [new(EndpointId, id)]);
            }
        });
        yield return Crl("clientvpn_endpoint_crl_this_update_timestamp", "s", "The thisUpdate of the endpoint's client certificate revocation list (when it was issued), as a Unix time.", (id, crl, writer) =>
            writer.Add(Seconds(crl.ThisUpdate), [new(EndpointId, id)]));
        yield return Crl("clientvpn_endpoint_crl_revoked_certificates", "{certificate}", "Certificates the endpoint's client certificate revocation list revokes.", (id, crl, writer) =>
            writer.Add(crl.RevokedCertificates, [new(EndpointId, id)]));
        yield return Crl("clientvpn_endpoint_crl_info", "", "The endpoint's client certificate revocation list with its import status (pending or active) as a label; always 1.", (id, crl, writer) =>
            writer.Add(1L, [new(EndpointId, id), new("status", crl.Status)]));
        yield return Health("clientvpn_endpoint_target_networks", "{association}", "The endpoint's subnet associations by status, every status written (0 where none): with no associated one, nobody can connect.", (id, health, writer) =>
        {
            if (health.TargetNetworks is { } networks)
            {
                foreach (var count in EndpointHealthReader.Count([.. networks.Select(n => n.Status)], HealthStatuses.TargetNetwork))
                {
                    writer.Add(count.Count, [new(EndpointId, id), new("status", count.Status)]);
                }
            }
        });
        yield return Health("clientvpn_endpoint_target_network_info", "", "One subnet association of the endpoint with its subnet, VPC, Availability Zone and status as labels; always 1.", (id, health, writer) =>
        {
            foreach (var n in health.TargetNetworks ?? [])
            {
                writer.Add(1L,
                [
                    new(EndpointId, id), new("association_id", n.AssociationId), new("subnet_id", n.SubnetId), new("vpc_id", n.VpcId),
                    new("availability_zone", n.AvailabilityZone), new("status", n.Status),
                ]);
            }
        });
        yield return Health("clientvpn_endpoint_connection_quota", "{connection}", "The endpoint's concurrent-connection quota: what its associated subnets give (1: 7000, 2: 36500, 3: 66500, 4: 96500, 5: 126000; none: 0), or the configured ClientVpn:ConnectionQuota.", (id, health, writer) =>
        {
            if (health.ConnectionQuota is { } quota)
            {
                writer.Add(quota, [new(EndpointId, id)]);
            }
        });
        yield return Described("clientvpn_endpoint_client_cidr_addresses", "{address}", "Addresses in the endpoint's client CIDR block; AWS advises a block twice the expected number of connections.", (view, writer) =>
        {
            if (ClientCidr.Addresses(view.Endpoint.ClientCidrBlock) is { } addresses)
            {
                writer.Add(addresses, [new(EndpointId, view.Endpoint.EndpointId)]);
            }
        });
        yield return Health("clientvpn_endpoint_authorization_rules", "{rule}", "The endpoint's authorization rules by status, every status written (0 where none): a failed one means some users cannot reach a network.", (id, health, writer) =>
            WriteCounts(id, health.AuthorizationRules, writer));
        yield return Health("clientvpn_endpoint_routes", "{route}", "The endpoint's routes by status, every status written (0 where none): a failed one means some users cannot reach a network.", (id, health, writer) =>
            WriteCounts(id, health.Routes, writer));
        yield return Described("clientvpn_endpoint_client_connect_info", "", "The endpoint's client-connect handler: enabled (true or false) and status (applying, applied, or none) as labels; always 1.", (view, writer) =>
        {
            var e = view.Endpoint;
            writer.Add(1L, [new(EndpointId, e.EndpointId), new("enabled", e.ClientConnectEnabled ? "true" : "false"), new("status", e.ClientConnectStatus.Length > 0 ? e.ClientConnectStatus : "none")]);
        });
        yield return new MetricFamily("clientvpn_endpoint_health_last_success_timestamp", "s", "When the health loop last read the resource of the endpoint completely, as a Unix time: certificates, crl, saml_providers, target_networks, authorization_rules or routes; connection_log when the attempts loop last read every page of the connection log.", FamilyKind.Gauge, FamilyEndpoints.WithHealthOrAttempts, openTelemetryLabels: false, (view, writer) =>
        {
            var id = view.Endpoint.EndpointId;
            foreach (var read in view.Health?.Reads ?? [])
            {
                if (read.LastSuccess is { } success)
                {
                    writer.Add(Seconds(success), [new(EndpointId, id), new("resource", HealthResources.Label(read.Resource))]);
                }
            }

            if (view.Attempts?.LastSuccess is { } logRead)
            {
                writer.Add(Seconds(logRead), [new(EndpointId, id), new("resource", ConnectionLogResource)]);
            }
        });
    }

    private static double Seconds(DateTimeOffset time) => time.ToUnixTimeMilliseconds() / 1000.0;

    private static void WriteCounts(string id, IReadOnlyList<StatusCount>? counts, ISampleWriter writer)
    {
        foreach (var count in counts ?? [])
        {
            writer.Add(count.Count, [new(EndpointId, id), new("status", count.Status)]);
        }
    }

    /// <summary>A family written from each endpoint's health reading, for the endpoints that have one.</summary>
    private static MetricFamily Health(string name, string unit, string description, Action<string, HealthReading, ISampleWriter> write) =>
        new(name, unit, description, FamilyKind.Gauge, FamilyEndpoints.WithHealth, openTelemetryLabels: false, (view, writer) => write(view.Endpoint.EndpointId, view.Health!, writer));

    /// <summary>A family written from each endpoint's CRL, for the endpoints whose health reading has one.</summary>
    private static MetricFamily Crl(string name, string unit, string description, Action<string, CrlReading, ISampleWriter> write) =>
        Health(name, unit, description, (id, health, writer) =>
        {
            if (health.Crl is { } crl)
            {
                write(id, crl, writer);
            }
        });

    /// <summary>A family written from what discovery describes of every endpoint.</summary>
    private static MetricFamily Described(string name, string unit, string description, Action<EndpointView, ISampleWriter> write) =>
        new(name, unit, description, FamilyKind.Gauge, FamilyEndpoints.All, openTelemetryLabels: false, write);
}
