using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Hosting;

/// <summary>
/// The logger factory, keeping the generic host's own errors quiet while it starts. When a hosted service fails to start
/// (Kestrel cannot bind, no AWS credentials), the host logs the exception with its stack trace and then throws it; Program
/// reports that exception in one line, so the log would only repeat it as a stack trace. Once started, the host's errors
/// (a failed background service) are logged as usual. A wrapper rather than a filter rule: a rule for the host's category
/// would replace the configured log levels for it.
/// </summary>
internal sealed class StartupLogFilter(ILoggerFactory inner) : ILoggerFactory
{
    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private volatile bool started;

    /// <summary>Makes this the host's logger factory.</summary>
    public static void AddTo(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ILoggerFactory>(services => new StartupLogFilter(new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>())));
    }

    /// <summary>Logs the host's errors once <paramref name="app"/> has started.</summary>
    public static void UseIn(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<ILoggerFactory>() is StartupLogFilter filter)
        {
            app.Lifetime.ApplicationStarted.Register(() => filter.started = true);
        }
    }

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return string.Equals(categoryName, HostCategory, StringComparison.Ordinal) ? new QuietWhileStarting(logger, this) : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class QuietWhileStarting(ILogger logger, StartupLogFilter filter) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => (filter.started || logLevel < LogLevel.Error) && logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (this.IsEnabled(logLevel))
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
            }
        }
    }
}
