using Npgsql;

namespace Aksara.Migrations.Introspection;

/// <summary>Reads the enum and domain types of user schemas (see <see cref="CatalogUserType"/>).</summary>
internal static class CatalogUserTypeReader
{
    public static async Task<IReadOnlyDictionary<string, CatalogUserType>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT format_type(t.oid, NULL), n.nspname, t.typname,
                   ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder),
                   CASE t.typtype WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) END
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var types = new Dictionary<string, CatalogUserType>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = new CatalogUserType(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            types[type.FormattedName] = type;
        }
        return types;
    }
}
