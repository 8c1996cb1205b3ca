using System.Text.RegularExpressions;

namespace Aksara.Migrations.Running;

/// <summary>
/// A <c>CREATE [UNIQUE] INDEX CONCURRENTLY</c> or <c>DROP INDEX CONCURRENTLY</c> statement, read far enough to know the
/// index and its table: what the runner needs to drop an INVALID leftover before a build is retried, and to tell
/// whether an interrupted script's builds finished.
/// </summary>
internal sealed partial record ConcurrentIndexStatement(bool IsDrop, string IndexName, string? Schema, string? Table)
{
    public static ConcurrentIndexStatement? TryParse(string code)
    {
        if (CreatePattern().Match(code) is { Success: true } create)
        {
            var table = create.Groups["table"].Value;
            var (schema, name) = SqlNames.Split(table);
            return new ConcurrentIndexStatement(false, SqlNames.Unquote(create.Groups["index"].Value), schema, name);
        }
        if (DropPattern().Match(code) is { Success: true } drop)
        {
            var (schema, name) = SqlNames.Split(drop.Groups["index"].Value);
            return new ConcurrentIndexStatement(true, name, schema, null);
        }
        return null;
    }

    [GeneratedRegex(@"^\s*CREATE\s+(?:UNIQUE\s+)?INDEX\s+CONCURRENTLY\s+(?:IF\s+NOT\s+EXISTS\s+)?(?<index>" + SqlNames.Identifier + @")\s+ON\s+(?:ONLY\s+)?(?<table>" + SqlNames.Qualified + ")", RegexOptions.IgnoreCase)]
    private static partial Regex CreatePattern();

    [GeneratedRegex(@"^\s*DROP\s+INDEX\s+CONCURRENTLY\s+(?:IF\s+EXISTS\s+)?(?<index>" + SqlNames.Qualified + @")\s*;?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DropPattern();

    /// <summary>The index's state: null when it does not exist, else whether it is valid.</summary>
    public bool? ReadState(Npgsql.NpgsqlConnection connection)
    {
        using var command = IsDrop || Table is null
            ? new Npgsql.NpgsqlCommand("SELECT i.indisvalid FROM pg_index i WHERE i.indexrelid = to_regclass($1)", connection)
            : new Npgsql.NpgsqlCommand("SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = to_regclass($1) AND c.relname = $2", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = IsDrop || Table is null ? Qualified(Schema, IndexName) : Qualified(Schema, Table) });
        if (!(IsDrop || Table is null))
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = IndexName });
        return command.ExecuteScalar() is bool valid ? valid : null;
    }

    /// <summary>The index as a quoted, qualified name when its schema is known (<c>"public"."ix_a"</c>).</summary>
    public string QuotedIndex(Npgsql.NpgsqlConnection connection)
    {
        using var command = new Npgsql.NpgsqlCommand(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE i.indrelid = to_regclass($1) AND c.relname = $2", connection);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Qualified(Schema, Table ?? IndexName) });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = IndexName });
        return command.ExecuteScalar() as string ?? Qualified(Schema, IndexName);
    }

    private static string Qualified(string? schema, string name) =>
        schema is null ? Ddl.DdlQuoting.Quote(name) : Ddl.DdlQuoting.Quote(new Schema.QualifiedName(schema, name));
}
