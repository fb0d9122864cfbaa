namespace ClientVpnSimulator.Hosting;

/// <summary>What the command line asked for.</summary>
/// <param name="Options">The simulator options; meaningful only without errors.</param>
/// <param name="Url">Where to listen.</param>
/// <param name="ShowHelp">Whether usage was asked for.</param>
/// <param name="Errors">One sentence per invalid or unknown option, each naming it.</param>
internal sealed record CommandLineParseResult(SimulatorOptions Options, string Url, bool ShowHelp, IReadOnlyList<string> Errors);
