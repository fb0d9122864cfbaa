namespace ClientVpnExporter.Tests.Hosting;

/// <summary>What <see cref="Program.Main"/> printed and returned. Console is process-wide; tests run one at a time.</summary>
internal sealed record ConsoleRun(int ExitCode, string Output, string Error)
{
    public static async Task<ConsoleRun> MainAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (originalOutput, originalError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await Program.Main(args);
            return new ConsoleRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOutput);
            Console.SetError(originalError);
        }
    }
}
