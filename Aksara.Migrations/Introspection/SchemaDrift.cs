using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// The differences between the schema a database should have (the snapshot) and the one it has (<see cref="SchemaIntrospector"/>),
/// one readable line each. Column order is ignored; expressions are compared with <see cref="SqlExpressions"/>.
/// </summary>
internal static class SchemaDrift
{
    public static IReadOnlyList<string> Compare(DatabaseSchema expected, DatabaseSchema actual)
    {
        var differences = new List<string>();
        foreach (var table in expected.Tables)
        {
            if (actual.FindTable(table.QualifiedName) is { } live)
                CompareTable(table, live, differences);
            else
                differences.Add($"table {table.QualifiedName} is missing");
        }
        differences.AddRange(actual.Tables.Where(table => expected.FindTable(table.QualifiedName) is null).Select(table => $"table {table.QualifiedName} is not in the snapshot"));
        return differences;
    }

    private static void CompareTable(TableSchema expected, TableSchema actual, List<string> differences)
    {
        var table = expected.QualifiedName;
        foreach (var column in expected.Columns)
        {
            if (actual.FindColumn(column.Name) is not { } live)
            {
                differences.Add($"column {table}.{column.Name} is missing");
                continue;
            }
            if (SqlTypes.Normalize(column.Type) != SqlTypes.Normalize(live.Type))
                differences.Add($"column {table}.{column.Name} is {live.Type}, expected {column.Type}");
            if (column.Nullable != live.Nullable)
                differences.Add($"column {table}.{column.Name} is {(live.Nullable ? "NULL" : "NOT NULL")}, expected {(column.Nullable ? "NULL" : "NOT NULL")}");
            if (!SqlExpressions.AreEquivalent(column.Default, live.Default))
                differences.Add($"column {table}.{column.Name} defaults to {live.Default ?? "nothing"}, expected {column.Default ?? "nothing"}");
        }
        differences.AddRange(actual.Columns.Where(column => expected.FindColumn(column.Name) is null).Select(column => $"column {table}.{column.Name} is not in the snapshot"));

        var expectedItems = expected.ConstraintsAndIndexes.ToList();
        var actualItems = actual.ConstraintsAndIndexes.ToList();
        foreach (var item in expectedItems)
        {
            var live = actualItems.FirstOrDefault(candidate => candidate.GetType() == item.GetType() && candidate.Name == item.Name);
            if (live is null)
                differences.Add($"{Kind(item)} {item.Name} on {table} is missing");
            else if (!Equivalent(item, live))
                differences.Add($"{Kind(item)} {item.Name} on {table} differs: {Describe(live)}, expected {Describe(item)}");
        }
        differences.AddRange(actualItems
            .Where(item => !expectedItems.Any(candidate => candidate.GetType() == item.GetType() && candidate.Name == item.Name))
            .Select(item => $"{Kind(item)} {item.Name} on {table} is not in the snapshot"));
    }

    private static bool Equivalent(IConstraintSchema expected, IConstraintSchema actual) => (expected, actual) switch
    {
        (CheckConstraintSchema check, CheckConstraintSchema live) => SqlExpressions.AreEquivalent(check.Expression, live.Expression),
        (IndexSchema index, IndexSchema live) => index with { Where = null } is var bare && bare.Matches(live with { Where = null })
                                                 && SqlExpressions.AreEquivalent(index.Where, live.Where),
        _ => expected.Matches(actual),
    };

    private static string Kind(IConstraintSchema item) => Diffing.DropConstraint.Kind(item);

    private static string Describe(IConstraintSchema item) => item switch
    {
        IndexSchema index => $"{index.Method} ({string.Join(", ", index.Columns)}){(index.Unique ? " unique" : "")}{(index.Where is null ? "" : " where " + index.Where)}",
        ForeignKeySchema key => $"({string.Join(", ", key.Columns)}) → {key.ReferencedTableName} ({string.Join(", ", key.ReferencedColumns)}) on delete {key.OnDelete}",
        CheckConstraintSchema check => check.Expression,
        PrimaryKeySchema key => $"({string.Join(", ", key.Columns)})",
        UniqueConstraintSchema unique => $"({string.Join(", ", unique.Columns)})",
        _ => item.Name,
    };
}
