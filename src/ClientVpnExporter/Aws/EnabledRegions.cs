using Amazon.EC2.Model;

namespace ClientVpnExporter.Aws;

/// <summary>
/// The regions enabled in an account: DescribeRegions without <c>AllRegions</c>, which AWS answers with the regions that need
/// no opt-in and the opt-in regions the account has opted in to, not the others. One call, unpaginated.
/// </summary>
internal sealed class EnabledRegions(AwsApiMetrics metrics)
{
    /// <summary>The enabled regions of <paramref name="target"/>'s account, in name order, asked in the target's region.</summary>
    public async Task<IReadOnlyList<string>> ReadAsync(AwsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        DescribeRegionsResponse response;
        try
        {
            response = await target.Client.DescribeRegionsAsync(new DescribeRegionsRequest(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            metrics.Request(target, Ec2Operations.DescribeRegions, ApiOutcome.Of(ex));
            throw;
        }

        metrics.Request(target, Ec2Operations.DescribeRegions, ApiOutcome.Success);
        return [.. (response.Regions ?? [])
            .Where(r => !string.IsNullOrEmpty(r.RegionName) && r.OptInStatus != "not-opted-in")
            .Select(r => r.RegionName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }
}
