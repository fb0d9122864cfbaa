namespace ClientVpnExporter.Health;

/// <summary>
/// The endpoints the health loop reads: those the last poll followed, as the poll hands them over after each poll, so
/// the health loop never discovers on its own (and an endpoint the poll removed is no longer read).
/// </summary>
internal sealed class HealthSubjects
{
    private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile IReadOnlyList<HealthSubject> current = [];

    /// <summary>The endpoints of the last poll.</summary>
    public IReadOnlyList<HealthSubject> Current => this.current;

    /// <summary>The poll followed <paramref name="subjects"/>.</summary>
    public void Update(IReadOnlyList<HealthSubject> subjects)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        this.current = subjects;
        this.first.TrySetResult();
    }

    /// <summary>Completes once the first poll has handed over its endpoints.</summary>
    public Task FirstUpdateAsync(CancellationToken cancellationToken) => this.first.Task.WaitAsync(cancellationToken);
}
