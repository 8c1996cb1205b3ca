using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Aksara.Querying;

/// <summary>
/// A thread-safe cache of at most <see cref="Capacity"/> entries: the entry that would exceed it empties the cache
/// first. What is cached here is derived from the code's own query shapes, a bounded set in a
/// normal application, so the cache fills once and stays; an application that builds expressions dynamically without
/// bound starts it over now and then instead of growing without limit.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>(int capacity, IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new(comparer);
    private int _added;

    internal int Capacity { get; } = capacity;

    /// <summary>Entries added since the cache was last emptied: at least <see cref="Count"/>, at most <see cref="Capacity"/>.</summary>
    internal int Count => Volatile.Read(ref _added);

    internal bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Adds or replaces the value of <paramref name="key"/>, each call counting as one more entry.</summary>
    internal void Set(TKey key, TValue value)
    {
        while (true)
        {
            var added = Volatile.Read(ref _added);
            if (added >= Capacity)
            {
                lock (_entries)
                {
                    if (Volatile.Read(ref _added) >= Capacity)
                    {
                        _entries.Clear();
                        Volatile.Write(ref _added, 0);
                    }
                }
                continue;
            }
            if (Interlocked.CompareExchange(ref _added, added + 1, added) == added)
                break;
        }
        _entries[key] = value;
    }
}
