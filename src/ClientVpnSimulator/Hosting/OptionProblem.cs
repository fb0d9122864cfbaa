namespace ClientVpnSimulator.Hosting;

/// <summary>One invalid option.</summary>
/// <param name="Option">The <see cref="SimulatorOptions"/> property at fault.</param>
/// <param name="Requirement">What the option allows, such as "an integer between 1 and 100".</param>
/// <param name="Value">The rejected value as text.</param>
internal sealed record OptionProblem(string Option, string Requirement, string Value)
{
    /// <summary>A sentence naming the option as <paramref name="displayName"/>.</summary>
    public string Describe(string displayName) => $"{displayName} must be {this.Requirement} (got {this.Value}).";
}
