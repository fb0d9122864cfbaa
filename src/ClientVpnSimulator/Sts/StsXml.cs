namespace ClientVpnSimulator.Sts;

/// <summary>Constants of the XML STS writes.</summary>
internal static class StsXml
{
    /// <summary>The namespace of every STS response of API version 2011-06-15, error responses included.</summary>
    public const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";
}
