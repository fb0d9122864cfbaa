namespace ClientVpnExporter.Health;

/// <summary>An endpoint's exported CRL does not decode (<see cref="CrlParser"/>): bad input at run time, reported and counted, never a crash.</summary>
internal sealed class MalformedCrlException : Exception
{
    public MalformedCrlException()
    {
    }

    public MalformedCrlException(string message)
        : base(message)
    {
    }

    public MalformedCrlException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
