using Npgsql;

namespace Aksara.Migrations.Introspection;

/// <summary>Reads the enum and domain types of user schemas (see <see cref="CatalogUserType"/>); enum labels as <see cref="SchemaIntrospector.ReadEnumTypesAsync"/> reads them.</summary>
internal static class CatalogUserTypeReader
{
    public static async Task<IReadOnlyDictionary<string, CatalogUserType>> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT format_type(t.oid, NULL), n.nspname, t.typname, CASE t.typtype WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod) END
            FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typtype IN ('e', 'd') AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            """;
        var enums = (await SchemaIntrospector.ReadEnumTypesAsync(connection, schemas: null, cancellationToken).ConfigureAwait(false))
            .ToDictionary(type => type.QualifiedName, type => type.Labels);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var types = new Dictionary<string, CatalogUserType>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var schema = reader.GetString(1);
            var name = reader.GetString(2);
            var baseType = reader.IsDBNull(3) ? null : reader.GetString(3);
            // An enum an extension owns has no labels here: it is the extension's, like its tables.
            if (baseType is null && !enums.ContainsKey(new(schema, name)))
                continue;
            types[reader.GetString(0)] = new CatalogUserType(reader.GetString(0), schema, name, baseType is null ? enums[new(schema, name)] : [], baseType);
        }
        return types;
    }
}
