namespace ClientVpnSimulator.Protocol;

/// <summary>
/// The AWS service an action belongs to. Both speak the Query protocol on the same URL, but each has its
/// own XML namespace, error format and error codes.
/// </summary>
internal enum QueryService
{
    /// <summary>EC2, API version 2016-11-15.</summary>
    Ec2,

    /// <summary>STS, API version 2011-06-15.</summary>
    Sts,
}
