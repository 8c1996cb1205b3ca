using Npgsql;
using NpgsqlTypes;

namespace Aksara.Migrations.Introspection;

/// <summary>Reads the objects of some schemas that models cannot describe (see <see cref="UnmodelledObject"/>); objects an extension owns are its own.</summary>
internal static class UnmodelledObjectReader
{
    public static async Task<IReadOnlyList<UnmodelledObject>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string> schemas, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH extension_owned AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
            SELECT kind, schema, name, detail FROM (
                SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END AS kind, n.nspname AS schema, c.relname AS name, NULL::text AS detail
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
                UNION ALL
                SELECT 'partition', n.nspname, c.relname, 'of ' || p.oid::regclass::text || ' ' || pg_get_expr(c.relpartbound, c.oid)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent
                WHERE c.relispartition AND n.nspname = ANY($1)
                UNION ALL
                SELECT 'partitioning', n.nspname, pg_get_partkeydef(c.oid), 'on ' || c.oid::regclass::text
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'p' AND n.nspname = ANY($1)
                UNION ALL
                SELECT 'sequence', n.nspname, c.relname, NULL
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'S' AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i', 'e'))
                UNION ALL
                SELECT 'trigger', n.nspname, t.tgname, 'on ' || c.oid::regclass::text
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND n.nspname = ANY($1) AND t.tgparentid = 0
                UNION ALL
                SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window function' ELSE 'function' END,
                       n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
                UNION ALL
                SELECT 'extension', n.nspname, x.extname, 'version ' || x.extversion
                FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
                WHERE x.extname <> 'plpgsql'
            ) objects
            ORDER BY kind, schema, name
            """;
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new() { Value = schemas.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var objects = new List<UnmodelledObject>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            objects.Add(new UnmodelledObject(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return objects;
    }
}
