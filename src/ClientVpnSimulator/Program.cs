namespace ClientVpnSimulator;

/// <summary>Command-line entry point of the standalone simulator.</summary>
public static class Program
{
    /// <summary>Runs the simulator until it is stopped.</summary>
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
