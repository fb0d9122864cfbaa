using Amazon.EC2;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Health;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace ClientVpnExporter.Tests.Health;

/// <summary>
/// The health stage's real reader, cycle and loop over NSubstitute fakes of its AWS ports, with a fake clock, a log
/// collector and the parse-error counter collected.
/// </summary>
internal sealed class HealthFakes : IDisposable
{
    public const string ServerArn = "arn:aws:acm:us-east-1:111111111111:certificate/server";
    public const string ClientRootArn = "arn:aws:acm:us-east-1:111111111111:certificate/client-root";
    public const string SamlArn = "arn:aws:iam::111111111111:saml-provider/okta";
    public static readonly DateTimeOffset ServerNotAfter = new(2027, 1, 10, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset ClientRootNotAfter = new(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SamlValidUntil = new(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider services;

    public HealthFakes(ExporterOptions? options = null)
    {
        this.Options = options ?? new ExporterOptions { Regions = ["us-east-1"] };
        this.services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = this.services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        this.ParseMetrics = new ParseMetrics(meters);
        this.ParseErrors = new MetricCollector<long>(meters, "ClientVpnExporter.Connections", "clientvpn_exporter_parse_errors");
        this.Reader = new EndpointHealthReader(
            this.Ec2, this.Permissions, this.ParseMetrics, Microsoft.Extensions.Options.Options.Create(this.Options), this.Time, this.Logger);
        this.Cycle = new HealthCycle(this.Reader, this.Acm, this.Iam, this.Publisher, Microsoft.Extensions.Options.Options.Create(this.Options));
        this.WithEverythingHealthy();
    }

    public ExporterOptions Options { get; }

    public IClientVpnHealthApi Ec2 { get; } = Substitute.For<IClientVpnHealthApi>();

    public ICertificateApi Acm { get; } = Substitute.For<ICertificateApi>();

    public ISamlProviderApi Iam { get; } = Substitute.For<ISamlProviderApi>();

    public IPermissionObserver Permissions { get; } = Substitute.For<IPermissionObserver>();

    public IHealthPublisher Publisher { get; } = Substitute.For<IHealthPublisher>();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero));

    public FakeLogger<EndpointHealthReader> Logger { get; } = new();

    public ParseMetrics ParseMetrics { get; }

    public MetricCollector<long> ParseErrors { get; }

    public EndpointHealthReader Reader { get; }

    public HealthCycle Cycle { get; }

    public AwsTarget Target { get; } = new("default", "us-east-1", Substitute.For<IAmazonEC2>());

    /// <summary>An endpoint with mutual and federated authentication (so every resource applies).</summary>
    public static EndpointDescription Endpoint(string id = "cvpn-endpoint-0123456789abcdef0") => new()
    {
        EndpointId = id,
        Region = "us-east-1",
        Authentication = "certificate-authentication,federated-authentication",
        ServerCertificateArn = ServerArn,
        ClientRootCertificateChainArn = ClientRootArn,
        SamlProviderArn = SamlArn,
        ClientCidrBlock = "10.100.0.0/22",
    };

    public HealthSubject Subject(EndpointDescription? endpoint = null) => new(this.Target, endpoint ?? Endpoint());

    public Task<HealthReading> ReadAsync(HealthReading? previous = null, EndpointDescription? endpoint = null) =>
        this.Reader.ReadAsync(this.Subject(endpoint), previous, new HealthCycleCache(this.Acm, this.Iam), CancellationToken.None);

    /// <summary>Every fake answers: two associations (one associated), rules and routes with a failed one, a CRL revoking 2.</summary>
    public void WithEverythingHealthy()
    {
        this.Acm.DescribeCertificateAsync(Arg.Any<AwsTarget>(), ServerArn, Arg.Any<CancellationToken>())
            .Returns(new CertificateDetails(ServerNotAfter, "ISSUED", "IMPORTED", "INELIGIBLE"));
        this.Acm.DescribeCertificateAsync(Arg.Any<AwsTarget>(), ClientRootArn, Arg.Any<CancellationToken>())
            .Returns(new CertificateDetails(ClientRootNotAfter, "ISSUED", "AMAZON_ISSUED", "ELIGIBLE"));
        this.Iam.ValidUntilAsync(Arg.Any<AwsTarget>(), SamlArn, Arg.Any<CancellationToken>()).Returns(SamlValidUntil);
        this.Ec2.TargetNetworksAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(
        [
            new TargetNetworkReading("cvpn-assoc-1", "subnet-1", "vpc-1", "us-east-1a", "associated"),
            new TargetNetworkReading("cvpn-assoc-2", "subnet-2", "vpc-1", "us-east-1b", "association-failed"),
        ]);
        this.Ec2.AuthorizationRuleStatusesAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(["active", "active", "failed"]);
        this.Ec2.RouteStatusesAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(["active", "creating"]);
        this.Ec2.ExportCrlAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new ExportedCrl(TestCrls.Pem(revoked: 2), "active"));
    }

    public void Dispose()
    {
        this.ParseErrors.Dispose();
        this.ParseMetrics.Dispose();
        this.services.Dispose();
    }
}
