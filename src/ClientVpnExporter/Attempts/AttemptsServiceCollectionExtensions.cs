namespace ClientVpnExporter.Attempts;

/// <summary>Registers the attempts loop: the connection log reader, the cycle, its self metrics and the background loop.</summary>
internal static class AttemptsServiceCollectionExtensions
{
    /// <summary>
    /// The attempts stage. It needs what the poll's and health stages give (<c>AddPolling</c>, <c>AddHealth</c>): the
    /// endpoints the poll follows, where readings are published (<see cref="IAttemptsPublisher"/>) and permissions reported.
    /// </summary>
    public static IServiceCollection AddAttempts(this IServiceCollection services)
    {
        services.AddSingleton<ConnectionLogMetrics>();
        services.AddSingleton<IConnectionLogApi, CloudWatchConnectionLogApi>();
        services.AddSingleton<ConnectionLogReader>();
        services.AddSingleton<AttemptsCycle>();
        services.AddHostedService<AttemptsLoop>();
        return services;
    }
}
