namespace ClientVpnExporter.EndToEnd.Tests.Support;

/// <summary>Bounded waiting: asks again every interval until the condition holds or the time is up.</summary>
internal static class Poll
{
    /// <summary>Returns the first non-null answer of <paramref name="probe"/>; fails the test with <paramref name="what"/> on timeout.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null)
        where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
            {
                last = ex;
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}." + (last is null ? "" : $" Last error: {last.Message}") + (diagnostics is null ? "" : "\n" + diagnostics()));
            }

            await Task.Delay(250);
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, TimeSpan timeout, string what, Func<string>? diagnostics = null) =>
        UntilAsync<object>(async () => await probe() ? new object() : null, timeout, what, diagnostics);
}
