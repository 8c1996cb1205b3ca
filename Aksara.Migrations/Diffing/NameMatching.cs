namespace Aksara.Migrations.Diffing;

/// <summary>
/// Pairs the old and new versions of tables or columns: by name, then by <c>[RenamedFrom]</c>, then, for a removed
/// and an added item of the same shape, by asking the <see cref="IRenameResolver"/>. Never by guessing.
/// </summary>
internal sealed class NameMatching<T>
{
    private NameMatching(IReadOnlyList<(T Old, T New)> pairs, IReadOnlyList<T> added, IReadOnlyList<T> removed)
    {
        Pairs = pairs;
        Added = added;
        Removed = removed;
    }

    public IReadOnlyList<(T Old, T New)> Pairs { get; }
    public IReadOnlyList<T> Added { get; }
    public IReadOnlyList<T> Removed { get; }

    /// <summary>The same pairing seen from the other side: what was added is removed, and each pair is swapped.</summary>
    public NameMatching<T> Inverted() => new(Pairs.Select(pair => (pair.New, pair.Old)).ToList(), Removed, Added);

    public sealed record Rules(
        Func<T, string> Key,
        Func<T, string?> RenamedFrom,
        Func<T, T, bool> SameShape,
        Func<T, string> Display,
        Func<T, T, string> Refusal);

    public static NameMatching<T> Match(IReadOnlyList<T> olds, IReadOnlyList<T> news, Rules rules, IRenameResolver resolver, List<MigrationRefusal> refusals)
    {
        var oldByKey = olds.ToDictionary(rules.Key);
        var newKeys = news.Select(rules.Key).ToHashSet();
        var pairedOld = new HashSet<string>();
        var pairs = new List<(T Old, T New)>();
        var unpaired = new List<T>();

        foreach (var item in news)
        {
            if (oldByKey.TryGetValue(rules.Key(item), out var old))
            {
                pairs.Add((old, item));
                pairedOld.Add(rules.Key(item));
            }
            else
            {
                unpaired.Add(item);
            }
        }

        var added = new List<T>();
        foreach (var item in unpaired)
        {
            // A [RenamedFrom] whose old name is still in use (or already gone) is stale: the rename happened in an earlier migration.
            if (rules.RenamedFrom(item) is { } previous && !newKeys.Contains(previous) && !pairedOld.Contains(previous)
                && oldByKey.TryGetValue(previous, out var old))
            {
                pairs.Add((old, item));
                pairedOld.Add(previous);
            }
            else
            {
                added.Add(item);
            }
        }

        var removed = olds.Where(old => !pairedOld.Contains(rules.Key(old))).ToList();
        foreach (var item in added.ToList())
        {
            foreach (var old in removed.Where(old => rules.SameShape(old, item)).ToList())
            {
                var answer = resolver.IsRename(rules.Display(old), rules.Display(item));
                if (answer is null)
                {
                    refusals.Add(new(MigrationRefusal.RenameUnconfirmed, rules.Refusal(old, item)));
                    break;
                }
                if (answer.Value)
                {
                    pairs.Add((old, item));
                    removed.Remove(old);
                    added.Remove(item);
                    break;
                }
            }
        }
        return new NameMatching<T>(pairs, added, removed);
    }
}
