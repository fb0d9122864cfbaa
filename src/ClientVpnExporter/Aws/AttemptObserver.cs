namespace ClientVpnExporter.Aws;

/// <summary>
/// Learns how each HTTP attempt of the AWS calls made in the current async flow ends, while the SDK still retries:
/// the SDK only reports a call once its retries are over, but <see cref="BudgetedHttpHandler"/> sees every attempt
/// and tells the observer that the flow put in place.
/// </summary>
internal abstract class AttemptObserver
{
    private static readonly AsyncLocal<AttemptObserver?> Observing = new();

    /// <summary>The observer of the calls of the current async flow, if any.</summary>
    public static AttemptObserver? Current => Observing.Value;

    /// <summary>Makes this the observer of the calls made from here on in the current async flow, until disposed.</summary>
    public Scope Observe()
    {
        var previous = Observing.Value;
        Observing.Value = this;
        return new Scope(previous);
    }

    /// <summary>An attempt failed in a way the SDK retries: throttled, a 5xx, a timeout or a broken connection.</summary>
    public abstract void AttemptFailed();

    /// <summary>An attempt was answered with success.</summary>
    public abstract void AttemptSucceeded();

    /// <summary>Puts the previous observer back.</summary>
    internal readonly struct Scope(AttemptObserver? previous) : IDisposable
    {
        public void Dispose() => Observing.Value = previous;
    }
}
