namespace ClientVpnExporter.Health;

/// <summary>
/// Runs a cycle of a background loop one at a time: a cycle asked for while one runs (the loop's own and a test's, or
/// two loops sharing a cycle) waits for it, so two cycles never read from and publish over the same state at once.
/// Shared by the health and the attempts cycles.
/// </summary>
internal sealed class SerialCycleGate : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Runs <paramref name="cycle"/> once no other cycle runs.</summary>
    public async Task RunAsync(Func<Task> cycle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        await this.gate.WaitAsync(cancellationToken);
        try
        {
            await cycle();
        }
        finally
        {
            this.gate.Release();
        }
    }

    public void Dispose() => this.gate.Dispose();
}
