namespace ClientVpnExporter;

/// <summary>Entry point of the exporter.</summary>
public static class Program
{
    /// <summary>Runs the exporter.</summary>
    public static int Main(string[] args)
    {
        _ = args;
        return 0;
    }
}
