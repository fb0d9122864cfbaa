namespace ClientVpnSimulator.Tests;

// Tests that set process-wide environment variables run alone, so no other test's SDK client reads them.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentTestGroup
{
    public const string Name = "ProcessEnvironment";
}
