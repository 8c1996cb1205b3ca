namespace Aksara.Models;

/// <summary>A foreign key to the single-column primary key of <paramref name="TargetType"/> (resolve it with <see cref="ModelMetadata.For(Type)"/>), its name already resolved.</summary>
internal sealed record ForeignKeyMetadata(string Name, Type TargetType, OnDelete OnDelete, OnUpdate OnUpdate);

/// <summary>A unique constraint on <paramref name="Columns"/> (column names, in order), its name already resolved.</summary>
internal sealed record UniqueMetadata(string Name, IReadOnlyList<string> Columns);

/// <summary>An index on <paramref name="Columns"/> (column names, in order), its name already resolved.</summary>
/// <param name="Expression">The keys as SQL, for an index on expressions (then <paramref name="Columns"/> is empty).</param>
internal sealed record IndexMetadata(string Name, IReadOnlyList<string> Columns, IndexMethod Method, bool IsUnique, string? Where, string? Expression = null);

/// <summary>A CHECK constraint, its name already resolved.</summary>
internal sealed record CheckMetadata(string Name, string Sql);
