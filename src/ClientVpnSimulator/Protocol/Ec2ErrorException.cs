namespace ClientVpnSimulator.Protocol;

/// <summary>Ends an action early with an EC2 error; the dispatcher turns it into the error response.</summary>
internal sealed class Ec2ErrorException : Exception
{
    /// <summary>Carries <paramref name="error"/> to the dispatcher.</summary>
    public Ec2ErrorException(Ec2Error error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The error to answer with.</summary>
    public Ec2Error Error { get; }
}
