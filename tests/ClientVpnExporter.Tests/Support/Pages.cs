using Amazon.Runtime;

namespace ClientVpnExporter.Tests.Support;

/// <summary>
/// What an SDK paginator yields: the given pages, then, if set, a failure, as when a call fails half-way
/// through a pagination.
/// </summary>
internal sealed class Pages<T>(IReadOnlyList<T> pages, Exception? failure = null) : IPaginatedEnumerable<T>
{
    public async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        foreach (var page in pages)
        {
            await Task.Yield();
            yield return page;
        }

        if (failure is not null)
        {
            throw failure;
        }
    }
}
