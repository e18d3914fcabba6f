using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace Practice.Web.Catalog;

/// <summary>
/// The imported course changes only when content is imported, yet every page reads it. Entries
/// live for a few seconds (so another process's import shows up quickly) and this process's own
/// import drops them at once.
/// </summary>
public sealed class ContentCache(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);
    private CancellationTokenSource _version = new();

    public async Task<T> GetOrCreateAsync<T>(string key, Func<Task<T>> create)
    {
        if (cache.TryGetValue(key, out T? cached) && cached is not null)
        {
            return cached;
        }
        var value = await create();
        using var entry = cache.CreateEntry(key);
        entry.Value = value;
        entry.AbsoluteExpirationRelativeToNow = Lifetime;
        entry.AddExpirationToken(new CancellationChangeToken(_version.Token));
        return value;
    }

    /// <summary>Called after an import wrote something.</summary>
    public void Invalidate()
    {
        var old = Interlocked.Exchange(ref _version, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }
}
