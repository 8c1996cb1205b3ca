using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>Terse schema models for tests: <c>Table("customers", Id(), Text("name"))</c>.</summary>
internal static class SchemaBuilder
{
    public static DatabaseSchema Db(params TableSchema[] tables) => new(tables);

    public static TableSchema Table(string name, params ColumnSchema[] columns) =>
        new("public", name, columns, new PrimaryKeySchema($"pk_{name}", ["id"]));

    public static ColumnSchema Id() => new("id", "uuid", Nullable: false, Default: "gen_random_uuid()");

    public static ColumnSchema Column(string name, string type, bool nullable = false, string? @default = null) => new(name, type, nullable, @default);

    public static ColumnSchema Text(string name, bool nullable = false, string? @default = null) => new(name, "text", nullable, @default);

    public static ForeignKeySchema References(string table, string column, string target, OnDelete onDelete = OnDelete.NoAction) =>
        new($"fk_{table}_{column}", [column], "public", target, ["id"], onDelete);
}
