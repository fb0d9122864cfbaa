using Amazon.EC2;
using Amazon.Runtime;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Health;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ClientVpnExporter.Tests.Health;

public sealed class EndpointHealthReaderTests : IDisposable
{
    private readonly HealthFakes fakes = new();

    [Fact]
    public async Task ReadAsync_EveryReadSucceeds_FillsEveryPartAndEveryLastSuccess()
    {
        var reading = await this.fakes.ReadAsync();

        Assert.Equal(
            [
                new CertificateReading(CertificateReading.Server, HealthFakes.ServerArn, HealthFakes.ServerNotAfter, "issued", "imported", "ineligible"),
                new CertificateReading(CertificateReading.ClientRoot, HealthFakes.ClientRootArn, HealthFakes.ClientRootNotAfter, "issued", "amazon_issued", "eligible"),
            ],
            reading.Certificates);
        Assert.Equal(new CrlReading("active", TestCrls.ThisUpdate, TestCrls.NextUpdate, 2), reading.Crl);
        Assert.Equal([new SamlProviderReading(SamlProviderReading.Saml, HealthFakes.SamlArn, HealthFakes.SamlValidUntil)], reading.SamlProviders);
        Assert.Equal(2, reading.TargetNetworks!.Count);
        Assert.Equal([new StatusCount("authorizing", 0), new StatusCount("active", 2), new StatusCount("failed", 1), new StatusCount("revoking", 0)], reading.AuthorizationRules!);
        Assert.Equal([new StatusCount("creating", 1), new StatusCount("active", 1), new StatusCount("failed", 0), new StatusCount("deleting", 0)], reading.Routes!);
        Assert.Equal(7_000, reading.ConnectionQuota);
        Assert.Equal(HealthResources.All, reading.Reads.Select(r => r.Resource).Order());
        Assert.All(reading.Reads, r => Assert.Equal(new ResourceRead(r.Resource, this.fakes.Time.GetUtcNow(), null, Denied: false), r));
    }

    [Fact]
    public async Task ReadAsync_ReadFailsAfterASuccess_KeepsItsLastValuesAndLastSuccess()
    {
        var first = await this.fakes.ReadAsync();
        var firstSuccess = this.fakes.Time.GetUtcNow();
        this.fakes.Time.Advance(TimeSpan.FromMinutes(5));
        this.fakes.Ec2.RouteStatusesAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" });
        this.fakes.Acm.DescribeCertificateAsync(Arg.Any<AwsTarget>(), HealthFakes.ServerArn, Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonServiceException("slow down") { ErrorCode = "ThrottlingException" });

        var second = await this.fakes.ReadAsync(first);

        Assert.Equal(first.Routes, second.Routes);
        Assert.Equal(first.Certificates, second.Certificates);
        Assert.Equal(new ResourceRead(HealthResource.Routes, firstSuccess, "RequestLimitExceeded", Denied: false), Read(second, HealthResource.Routes));
        Assert.Equal(new ResourceRead(HealthResource.Certificates, firstSuccess, "ThrottlingException", Denied: false), Read(second, HealthResource.Certificates));
        Assert.Equal(this.fakes.Time.GetUtcNow(), Read(second, HealthResource.TargetNetworks).LastSuccess);
    }

    [Fact]
    public async Task ReadAsync_SameFailureTwiceThenSuccess_LogsTheFailureOnceAndTheRecoveryOnce()
    {
        this.fakes.Ec2.TargetNetworksAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });
        var reading = await this.fakes.ReadAsync();
        reading = await this.fakes.ReadAsync(reading);
        this.fakes.WithEverythingHealthy();
        reading = await this.fakes.ReadAsync(reading);
        await this.fakes.ReadAsync(reading);

        var logs = this.fakes.Logger.Collector.GetSnapshot();
        Assert.Single(logs, r => r.Message.Contains("target_networks", StringComparison.Ordinal) && r.Message.Contains("InternalError", StringComparison.Ordinal));
        Assert.Single(logs, r => r.Message.Contains("target_networks", StringComparison.Ordinal) && r.Message.Contains("works again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_AcmDenied_LeavesCertificatesOutReportsTheActionAndKeepsTheRest()
    {
        var first = await this.fakes.ReadAsync();
        this.fakes.Acm.DescribeCertificateAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonServiceException("no") { ErrorCode = "AccessDeniedException" });

        var second = await this.fakes.ReadAsync(first);

        Assert.Empty(second.Certificates);
        Assert.True(Read(second, HealthResource.Certificates).Denied);
        this.fakes.Permissions.Received(1).Observed(this.fakes.Target, "acm:DescribeCertificate", false);
        Assert.Equal(first.Crl, second.Crl);
        Assert.Equal(first.SamlProviders, second.SamlProviders);
        Assert.Equal(first.TargetNetworks, second.TargetNetworks);
        Assert.DoesNotContain(this.fakes.Logger.Collector.GetSnapshot(), r => r.Message.Contains("certificates", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_IamAndEc2Denied_ReportEachActionAndLeaveTheirPartsOut()
    {
        this.fakes.Iam.ValidUntilAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonServiceException("no") { ErrorCode = "AccessDenied" });
        this.fakes.Ec2.TargetNetworksAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new AmazonEC2Exception("no") { ErrorCode = "UnauthorizedOperation" });
        this.fakes.Options.ConnectionQuota.AllEndpoints = 20_000;

        var reading = await this.fakes.ReadAsync();

        Assert.Empty(reading.SamlProviders);
        Assert.Null(reading.TargetNetworks);
        Assert.Equal(20_000, reading.ConnectionQuota);
        this.fakes.Permissions.Received(1).Observed(this.fakes.Target, "iam:GetSAMLProvider", false);
        this.fakes.Permissions.Received(1).Observed(this.fakes.Target, "ec2:DescribeClientVpnTargetNetworks", false);
        this.fakes.Permissions.Received(1).Observed(this.fakes.Target, "acm:DescribeCertificate", true);
    }

    [Fact]
    public async Task ReadAsync_EndpointWithoutCrl_HasNoCrlAndTheReadSucceeds()
    {
        this.fakes.Ec2.ExportCrlAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(new ExportedCrl("", ""));

        var reading = await this.fakes.ReadAsync();

        Assert.Null(reading.Crl);
        Assert.Equal(new ResourceRead(HealthResource.Crl, this.fakes.Time.GetUtcNow(), null, Denied: false), Read(reading, HealthResource.Crl));
        Assert.Empty(this.fakes.Logger.Collector.GetSnapshot());
    }

    [Fact]
    public async Task ReadAsync_MalformedCrl_CountsAParseErrorEachTimeLogsOnceAndKeepsTheLastCrl()
    {
        var first = await this.fakes.ReadAsync();
        var pem = TestCrls.Pem(revoked: 1);
        this.fakes.Ec2.ExportCrlAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(new ExportedCrl(pem[..(pem.Length / 2)] + "\n-----END X509 CRL-----\n", "active"));

        var second = await this.fakes.ReadAsync(first);
        var third = await this.fakes.ReadAsync(second);

        Assert.Equal(first.Crl, third.Crl);
        Assert.Equal(EndpointHealthReader.CrlParseError, Read(third, HealthResource.Crl).FailureCode);
        Assert.Equal(2, this.fakes.ParseErrors.GetMeasurementSnapshot().Where(m => (string?)m.Tags["field"] == "certificateRevocationList").Sum(m => m.Value));
        Assert.Single(this.fakes.Logger.Collector.GetSnapshot(), r => r.Message.Contains("does not decode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadAsync_EndpointDeleted_KeepsTheLastValuesOfEveryRead()
    {
        var first = await this.fakes.ReadAsync();
        var gone = new AmazonEC2Exception("gone") { ErrorCode = "InvalidClientVpnEndpointId.NotFound" };
        this.fakes.Ec2.TargetNetworksAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(gone);
        this.fakes.Ec2.AuthorizationRuleStatusesAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(gone);
        this.fakes.Ec2.RouteStatusesAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(gone);
        this.fakes.Ec2.ExportCrlAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>()).ThrowsAsync(gone);

        var second = await this.fakes.ReadAsync(first);

        Assert.Same(first.TargetNetworks, second.TargetNetworks);
        Assert.Same(first.AuthorizationRules, second.AuthorizationRules);
        Assert.Same(first.Routes, second.Routes);
        Assert.Same(first.Crl, second.Crl);
        Assert.Equal(first.ConnectionQuota, second.ConnectionQuota);
        Assert.Equal(4, second.Reads.Count(r => r.FailureCode == "InvalidClientVpnEndpointId.NotFound"));
    }

    [Fact]
    public async Task ReadAsync_NoSubnetAssociated_QuotaIsZero()
    {
        this.fakes.Ec2.TargetNetworksAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns([new TargetNetworkReading("cvpn-assoc-2", "subnet-2", "vpc-1", "us-east-1b", "disassociated")]);

        Assert.Equal(0, (await this.fakes.ReadAsync()).ConnectionQuota);
    }

    [Fact]
    public async Task ReadAsync_EndpointWithOnlyDirectoryAuthentication_ReadsNoCrlNorSamlProvider()
    {
        var endpoint = HealthFakes.Endpoint() with { Authentication = "directory-service-authentication", ClientRootCertificateChainArn = "", SamlProviderArn = "" };

        var reading = await this.fakes.ReadAsync(endpoint: endpoint);

        Assert.Null(reading.Crl);
        Assert.Empty(reading.SamlProviders);
        Assert.Equal([CertificateReading.Server], reading.Certificates.Select(c => c.Certificate));
        Assert.DoesNotContain(reading.Reads, r => r.Resource is HealthResource.Crl or HealthResource.SamlProviders);
        await this.fakes.Ec2.DidNotReceiveWithAnyArgs().ExportCrlAsync(default!, default!, default);
        await this.fakes.Iam.DidNotReceiveWithAnyArgs().ValidUntilAsync(default!, default!, default);
    }

    [Fact]
    public void Count_StatusesOutsideTheDocumentedOnes_CountedAfterThemWhileTheyLookLikeCodes()
    {
        var counts = EndpointHealthReader.Count(["active", "brand-new", "active", "bad status\n"], ["active", "failed"]);

        Assert.Equal([new StatusCount("active", 2), new StatusCount("failed", 0), new StatusCount("brand-new", 1)], counts);
    }

    public void Dispose() => this.fakes.Dispose();

    private static ResourceRead Read(HealthReading reading, HealthResource resource) => reading.Reads.Single(r => r.Resource == resource);
}
