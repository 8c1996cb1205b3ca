using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Aksara.Diagnostics;
using Aksara.Models;
using Aksara.Models.Binding;
using Aksara.Models.Materialization;

namespace Aksara.Querying;

/// <summary>
/// The CRUD and COPY statements of model <typeparamref name="T"/>, generated once and cached for the life of the
/// process. Inserts differ only by which database-generated columns are left to their defaults, so there is one per
/// combination (a bit mask), made on first use.
/// </summary>
internal sealed class EntityStatements<T> where T : class
{
    private static EntityStatements<T>? s_instance;

    // Most models have a few generated columns (a Model has 3: 8 variants); an array indexed by mask is then cheapest.
    private readonly ColumnStatement<T>?[]? _inserts;
    private readonly ConcurrentDictionary<int, ColumnStatement<T>> _manyInserts = new();
    private readonly ConcurrentDictionary<int, ColumnStatement<T>> _copies = new();
    private readonly ConcurrentDictionary<(int Mask, string[] Conflict), ColumnStatement<T>> _upserts = new(UpsertKeyComparer.Instance);

    // Typed queries of a model have as many SELECT shapes as the code writes, a few dozen; the bound is for code that
    // builds predicates dynamically.
    private readonly BoundedCache<SelectShape, string> _selects = new(SelectCapacity);

    internal const int SelectCapacity = 256;

    // OrderBy(x => x.Column) on every call would otherwise allocate the same one-column ordering each time.
    private readonly ConcurrentDictionary<(ColumnMetadata Column, bool Descending), ImmutableArray<(ColumnMetadata Column, bool Descending)>> _orderings = new();

    private EntityStatements(EntityMap<T> map)
    {
        Map = map;
        var metadata = map.Metadata;
        Table = metadata.QualifiedTableName;
        Operations = new ModelOperations(metadata.TableName, metadata.ClrType);
        SelectList = string.Join(", ", map.Columns.Select(column => column.QuotedName));
        _inserts = map.Generated.Length <= 8 ? new ColumnStatement<T>?[1 << map.Generated.Length] : null;

        var keyCondition = KeyCondition(map.PrimaryKey, firstParameter: 1);
        SelectAll = new Statement($"SELECT {SelectList} FROM {Table}", []);
        SelectByKey = $"SELECT {SelectList} FROM {Table} WHERE {keyCondition}";
        DeleteByKey = $"DELETE FROM {Table} WHERE {keyCondition}";
        Update = BuildUpdate(map);
    }

    internal static EntityStatements<T> Instance => s_instance ??= Create();

    /// <summary>A model's first CRUD use also readies its jsonb types for named parameters (<c>new { Doc }</c>).</summary>
    private static EntityStatements<T> Create()
    {
        DapperIntegration.Prepare(typeof(T));
        return new EntityStatements<T>(EntityMap<T>.Instance);
    }

    internal EntityMap<T> Map { get; }

    /// <summary><c>"schema"."table"</c>.</summary>
    internal string Table { get; }

    /// <summary>What spans and metrics call this model's operations.</summary>
    internal ModelOperations Operations { get; }

    /// <summary>Every column, quoted, in model order: what SELECT and RETURNING list.</summary>
    internal string SelectList { get; }

    /// <summary>Every row: what a typed query with no condition, ordering or limit runs.</summary>
    internal Statement SelectAll { get; }

    /// <summary>Key columns as <c>$1</c>…: <c>SELECT … WHERE "id" = $1</c>.</summary>
    internal string SelectByKey { get; }

    internal string DeleteByKey { get; }

    /// <summary>SET every non-key column (but <c>created_at</c>), <c>updated_at = now()</c> for models; key parameters last.</summary>
    internal ColumnStatement<T> Update { get; }

    /// <summary>INSERT of every column except the generated ones in <paramref name="omitMask"/>, RETURNING the row.</summary>
    internal ColumnStatement<T> Insert(int omitMask) => _inserts is null
        ? _manyInserts.GetOrAdd(omitMask, mask => BuildInsert(mask, conflict: null))
        : _inserts[omitMask] ??= BuildInsert(omitMask, conflict: null);

    /// <summary>
    /// The INSERT … ON CONFLICT DO UPDATE variant of <see cref="Insert"/>, on the columns named by
    /// <paramref name="conflictColumns"/> (property or column names; the primary key when there are none).
    /// </summary>
    internal ColumnStatement<T> Upsert(int omitMask, string[]? conflictColumns)
    {
        var key = (omitMask, conflictColumns ?? []);
        if (_upserts.TryGetValue(key, out var cached))
            return cached;
        // The caller's array may change after this call: the key keeps a copy.
        var upsert = BuildInsert(omitMask, ConflictTarget(key.Item2));
        return _upserts.GetOrAdd((omitMask, [.. key.Item2]), upsert);
    }

    /// <summary>An ordering by <paramref name="column"/> alone, made once per column and direction.</summary>
    internal ImmutableArray<(ColumnMetadata Column, bool Descending)> OrderedBy(ColumnMetadata column, bool descending) =>
        _orderings.GetOrAdd((column, descending), static key => [key]);

    /// <summary>The SELECT text of a typed query of <paramref name="shape"/>, if one was cached.</summary>
    internal bool CachedSelect(in SelectShape shape, [MaybeNullWhen(false)] out string sql) => _selects.TryGetValue(shape, out sql);

    internal void CacheSelect(in SelectShape shape, string sql) => _selects.Set(shape.WithoutValues(), sql);

    /// <summary><c>COPY … FROM STDIN (FORMAT BINARY)</c> of every column except the generated ones in <paramref name="omitMask"/>.</summary>
    internal ColumnStatement<T> Copy(int omitMask) => _copies.GetOrAdd(omitMask, mask =>
    {
        var columns = Included(mask);
        return new ColumnStatement<T>($"COPY {Table} ({ColumnList(columns)}) FROM STDIN (FORMAT BINARY)", columns);
    });

    private ColumnAccessor<T>[] ConflictTarget(string[] names)
    {
        if (names.Length == 0)
            return Map.PrimaryKey;
        var target = new ColumnAccessor<T>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            var column = Map.Metadata.Column(names[i])
                ?? throw new ArgumentException($"{TypeNames.Display(typeof(T))} has no property or column \"{names[i]}\" to detect conflicts on.", "conflictColumns");
            target[i] = Array.Find(Map.Columns, accessor => accessor.Column == column)!;
        }
        return target;
    }

    private ColumnAccessor<T>[] Included(int omitMask)
    {
        var omitted = Map.Generated.Where((_, bit) => (omitMask & (1 << bit)) != 0).ToHashSet();
        return Map.Columns.Where(column => !omitted.Contains(column)).ToArray();
    }

    private ColumnStatement<T> BuildInsert(int omitMask, IReadOnlyList<ColumnAccessor<T>>? conflict)
    {
        var columns = Included(omitMask);
        var sql = new StringBuilder("INSERT INTO ").Append(Table);
        if (columns.Length == 0)
        {
            sql.Append(" DEFAULT VALUES");
        }
        else
        {
            sql.Append(" (").Append(ColumnList(columns)).Append(") VALUES (");
            sql.AppendJoin(", ", columns.Select((_, i) => $"${i + 1}"));
            sql.Append(')');
        }

        if (conflict is not null)
        {
            sql.Append(" ON CONFLICT (").Append(ColumnList(conflict)).Append(") DO UPDATE SET ");
            // Only what this insert supplies is overwritten: never the key, the conflict target, created_at, or a
            // column left to its default (EXCLUDED would hold the default, not the row's value).
            var assignments = columns
                .Where(column => !column.Column.IsPrimaryKey && !conflict.Contains(column) && column != Map.CreatedAt && column != Map.UpdatedAt)
                .Select(column => $"{column.QuotedName} = EXCLUDED.{column.QuotedName}")
                .ToList();
            if (Map.UpdatedAt is { } updatedAt)
                assignments.Add($"{updatedAt.QuotedName} = now()");
            if (assignments.Count == 0)
                assignments.Add($"{conflict[0].QuotedName} = EXCLUDED.{conflict[0].QuotedName}"); // so RETURNING still yields the existing row
            sql.AppendJoin(", ", assignments);
        }

        sql.Append(" RETURNING ").Append(SelectList);
        return new ColumnStatement<T>(sql.ToString(), columns);
    }

    private static ColumnStatement<T> BuildUpdate(EntityMap<T> map)
    {
        var set = map.Columns
            .Where(column => !column.Column.IsPrimaryKey && column != map.CreatedAt && column != map.UpdatedAt)
            .ToArray();
        var assignments = set.Select((column, i) => $"{column.QuotedName} = ${i + 1}").ToList();
        if (map.UpdatedAt is { } updatedAt)
            assignments.Add($"{updatedAt.QuotedName} = now()");
        if (assignments.Count == 0)
            assignments.Add($"{map.PrimaryKey[0].QuotedName} = {map.PrimaryKey[0].QuotedName}"); // a key-only table: the update just reports whether the row exists

        var sql = $"UPDATE {map.Metadata.QualifiedTableName} SET {string.Join(", ", assignments)} WHERE {KeyCondition(map.PrimaryKey, set.Length + 1)}";
        if (map.UpdatedAt is { } returned)
            sql += $" RETURNING {returned.QuotedName}";
        return new ColumnStatement<T>(sql, [.. set, .. map.PrimaryKey]);
    }

    private static string KeyCondition(IReadOnlyList<ColumnAccessor<T>> key, int firstParameter) =>
        string.Join(" AND ", key.Select((column, i) => $"{column.QuotedName} = ${firstParameter + i}"));

    private static string ColumnList(IEnumerable<ColumnAccessor<T>> columns) => string.Join(", ", columns.Select(column => column.QuotedName));
}

/// <summary>Upsert statements are looked up by the conflict names the caller passed, compared name by name: no key is built per call.</summary>
internal sealed class UpsertKeyComparer : IEqualityComparer<(int Mask, string[] Conflict)>
{
    internal static readonly UpsertKeyComparer Instance = new();

    public bool Equals((int Mask, string[] Conflict) x, (int Mask, string[] Conflict) y) =>
        x.Mask == y.Mask && x.Conflict.AsSpan().SequenceEqual(y.Conflict, StringComparer.Ordinal);

    public int GetHashCode((int Mask, string[] Conflict) key)
    {
        var hash = new HashCode();
        hash.Add(key.Mask);
        foreach (var name in key.Conflict)
            hash.Add(name, StringComparer.Ordinal);
        return hash.ToHashCode();
    }
}

/// <summary>A statement whose parameters are the values of <see cref="Columns"/>, in order (<c>$1</c> is the first).</summary>
internal sealed record ColumnStatement<T>(string Sql, ColumnAccessor<T>[] Columns) where T : class;
