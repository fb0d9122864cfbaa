using Amazon.EC2;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Polling;
using ClientVpnExporter.Tests.Support;
using Microsoft.Extensions.Logging.Testing;

namespace ClientVpnExporter.Tests.Polling;

public class EndpointHealthTests
{
    private const string EndpointId = "cvpn-endpoint-0123456789abcdef0";

    private readonly FakeLogger<EndpointHealth> logger = new();

    [Fact]
    public void EndpointHealth_SameFailureCodeTwice_LogsOnce()
    {
        var health = new EndpointHealth(EndpointId, this.logger);

        health.Failed(new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" });
        health.Failed(new AmazonEC2Exception("slow down") { ErrorCode = "RequestLimitExceeded" });
        health.Failed(new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });

        var failures = this.logger.Collector.GetSnapshot().Where(r => r.Message.Contains("failed", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, failures.Count);
        Assert.Contains("RequestLimitExceeded", failures[0].Message, StringComparison.Ordinal);
        Assert.Contains("InternalError", failures[1].Message, StringComparison.Ordinal);
        Assert.False(health.Up);
        Assert.Equal("InternalError", health.FailureCode);
    }

    [Fact]
    public void EndpointHealth_SucceedsAfterFailing_LogsTheRecoveryOnceAndTheSameCodeAgain()
    {
        var health = new EndpointHealth(EndpointId, this.logger);
        health.Failed(new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });

        health.Succeeded(SampleConnections.Start, []);
        health.Succeeded(SampleConnections.Start, []);
        health.Failed(new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });

        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("works again", StringComparison.Ordinal));
        Assert.Equal(2, this.logger.Collector.GetSnapshot().Count(r => r.Message.Contains("InternalError", StringComparison.Ordinal)));
    }

    [Fact]
    public void EndpointHealth_FieldParsesEverywhereThenFailsAgain_LogsAgain()
    {
        var health = new EndpointHealth(EndpointId, this.logger);
        ParseError[] malformed = [new(ConnectionField.IngressBytes, "12x"), new(ConnectionField.IngressBytes, "bad")];

        health.Succeeded(SampleConnections.Start, malformed);
        health.Succeeded(SampleConnections.Start, malformed);
        Assert.Single(this.logger.Collector.GetSnapshot(), r => r.Message.Contains("ingressBytes", StringComparison.Ordinal));

        health.Succeeded(SampleConnections.Start, []);
        health.Succeeded(SampleConnections.Start, malformed);

        Assert.Equal(2, this.logger.Collector.GetSnapshot().Count(r => r.Message.Contains("ingressBytes", StringComparison.Ordinal)));
    }

    [Fact]
    public void IsStale_FailingLongerThanTheBoundOrNeverRead_IsStale()
    {
        var staleAfter = TimeSpan.FromMinutes(5);
        var health = new EndpointHealth(EndpointId, this.logger);
        Assert.True(health.IsStale(SampleConnections.Start, staleAfter));

        health.Succeeded(SampleConnections.Start, []);
        Assert.False(health.IsStale(SampleConnections.Start + TimeSpan.FromHours(1), staleAfter));

        health.Failed(new AmazonEC2Exception("boom") { ErrorCode = "InternalError" });
        Assert.False(health.IsStale(SampleConnections.Start + staleAfter, staleAfter));
        Assert.True(health.IsStale(SampleConnections.Start + staleAfter + TimeSpan.FromSeconds(1), staleAfter));
    }
}
