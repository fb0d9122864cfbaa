using ClientVpnExporter.Aws;
using ClientVpnExporter.Health;
using NSubstitute;

namespace ClientVpnExporter.Tests.Health;

public sealed class HealthCycleTests : IDisposable
{
    private readonly HealthFakes fakes = new();

    [Fact]
    public async Task RunAsync_EndpointsShareTheirCertificatesAndProvider_AsksOncePerArnEachCycle()
    {
        HealthSubject[] subjects = [this.fakes.Subject(HealthFakes.Endpoint("cvpn-endpoint-00000000000000001")), this.fakes.Subject(HealthFakes.Endpoint("cvpn-endpoint-00000000000000002"))];

        await this.fakes.Cycle.RunAsync(subjects, CancellationToken.None);
        await this.fakes.Cycle.RunAsync(subjects, CancellationToken.None);

        await this.fakes.Acm.Received(2).DescribeCertificateAsync(Arg.Any<AwsTarget>(), HealthFakes.ServerArn, Arg.Any<CancellationToken>());
        await this.fakes.Acm.Received(2).DescribeCertificateAsync(Arg.Any<AwsTarget>(), HealthFakes.ClientRootArn, Arg.Any<CancellationToken>());
        await this.fakes.Iam.Received(2).ValidUntilAsync(Arg.Any<AwsTarget>(), HealthFakes.SamlArn, Arg.Any<CancellationToken>());
        Assert.All(this.fakes.Cycle.Readings.Values, r => Assert.Equal(2, r.Certificates.Count));
    }

    [Fact]
    public async Task RunAsync_EndpointNoLongerFollowed_DropsItsReadingAndPublishesTheRest()
    {
        var kept = this.fakes.Subject(HealthFakes.Endpoint("cvpn-endpoint-00000000000000001"));
        await this.fakes.Cycle.RunAsync([kept, this.fakes.Subject(HealthFakes.Endpoint("cvpn-endpoint-00000000000000002"))], CancellationToken.None);

        await this.fakes.Cycle.RunAsync([kept], CancellationToken.None);

        Assert.Equal(["cvpn-endpoint-00000000000000001"], this.fakes.Cycle.Readings.Keys);
        this.fakes.Publisher.Received(1).Publish(Arg.Is<IReadOnlyDictionary<string, HealthReading>>(r => r.Count == 1 && r.ContainsKey("cvpn-endpoint-00000000000000001")));
    }

    [Fact]
    public async Task RunAsync_ReadFailsInTheNextCycle_StartsFromTheLastCyclesReading()
    {
        var subject = this.fakes.Subject();
        await this.fakes.Cycle.RunAsync([subject], CancellationToken.None);
        var first = this.fakes.Cycle.Readings[subject.Description.EndpointId];
        this.fakes.Ec2.ExportCrlAsync(Arg.Any<AwsTarget>(), Arg.Any<string>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException<ExportedCrl>(new TimeoutException("no answer")));

        await this.fakes.Cycle.RunAsync([subject], CancellationToken.None);

        var second = this.fakes.Cycle.Readings[subject.Description.EndpointId];
        Assert.Same(first.Crl, second.Crl);
        Assert.Equal("timeout", second.Reads.Single(r => r.Resource == HealthResource.Crl).FailureCode);
    }

    public void Dispose() => this.fakes.Dispose();
}
