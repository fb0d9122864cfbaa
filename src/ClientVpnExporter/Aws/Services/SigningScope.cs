namespace ClientVpnExporter.Aws.Services;

/// <summary>What a SigV4 signature is valid for besides its day: the region and the service's signing name (<c>us-east-1</c>, <c>iam</c>).</summary>
internal readonly record struct SigningScope(string Region, string Service)
{
    /// <summary>The credential scope of a request signed at <paramref name="time"/>: <c>20150830/us-east-1/iam/aws4_request</c>.</summary>
    public string Text(DateTimeOffset time) => $"{SigV4Signer.Day(time)}/{this.Region}/{this.Service}/aws4_request";
}
