using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnSimulator.Tests.Support;

namespace ClientVpnSimulator.Tests;

[Collection(ProcessEnvironmentTestGroup.Name)]
public sealed class SdkAssumeRoleCredentialsTests
{
    [Fact]
    public async Task SdkAssumeRoleAWSCredentials_PointedAtTheSimulatorThroughAwsEndpointUrlSts_SeeTheRolesFleet()
    {
        // AssumeRoleAWSCredentials builds its own STS client: only the SDK's service-specific endpoint
        // variable can point it at the simulator.
        await using var sim = await SimulatorHarness.StartAsync(SimulatorHarness.Options(o => o.Accounts = ["111111111111", "222222222222"]));
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", sim.Server.BaseAddress.ToString());
        try
        {
            using var credentials = new AssumeRoleAWSCredentials(
                SimulatorHarness.BaseCredentials, "arn:aws:iam::222222222222:role/clientvpn-exporter", "sdk", new AssumeRoleAWSCredentialsOptions());
            using var ec2 = sim.Ec2With(credentials);

            var page = await ec2.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
            var truth = await sim.TruthAsync(account: "222222222222");

            Assert.Equal(truth.Endpoints.Select(e => e.EndpointId), page.ClientVpnEndpoints.Select(e => e.ClientVpnEndpointId));
            Assert.Equal(1, truth.RequestsByAccount["222222222222"]["AssumeRole"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL_STS", null);
        }
    }
}
