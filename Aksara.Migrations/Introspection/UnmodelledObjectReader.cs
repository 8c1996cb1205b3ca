using Aksara.Migrations.Schema;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Reads the objects of some schemas that models cannot describe (see <see cref="UnmodelledObject"/>), each with the
/// statement that creates it again, in an order they can be created in; objects an extension owns are its own.
/// </summary>
internal static class UnmodelledObjectReader
{
    public static async Task<IReadOnlyList<UnmodelledObject>> ReadAsync(NpgsqlConnection connection, IReadOnlyCollection<string> schemas, CancellationToken cancellationToken)
    {
        // Each object with the statement that makes it again, ordered so that running them in order works: extensions,
        // sequences and functions before what uses them, views in creation (oid) order, triggers and aggregates last.
        const string sql = """
            WITH extension_owned AS (SELECT classid, objid FROM pg_depend WHERE deptype = 'e')
            SELECT kind, schema, name, detail, definition, drop, table_schema, table_name FROM (
                SELECT 0 AS rank, 0::oid AS created, 'extension' AS kind, n.nspname AS schema, x.extname AS name, 'version ' || x.extversion AS detail,
                       format('CREATE EXTENSION IF NOT EXISTS %I WITH SCHEMA %I;', x.extname, n.nspname) AS definition,
                       format('DROP EXTENSION IF EXISTS %I;', x.extname) AS drop, NULL::name AS table_schema, NULL::name AS table_name
                FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
                WHERE x.extname <> 'plpgsql'
                UNION ALL
                SELECT 1, c.oid, 'sequence', n.nspname, c.relname, NULL,
                       format('CREATE SEQUENCE IF NOT EXISTS %I.%I AS %s INCREMENT BY %s MINVALUE %s MAXVALUE %s START WITH %s CACHE %s%s;',
                              n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqincrement, s.seqmin, s.seqmax, s.seqstart, s.seqcache,
                              CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END),
                       format('DROP SEQUENCE IF EXISTS %I.%I;', n.nspname, c.relname), NULL, NULL
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
                WHERE c.relkind = 'S' AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i', 'e'))
                UNION ALL
                SELECT 1, t.oid, 'domain', n.nspname, t.typname, NULL,
                       format('CREATE DOMAIN %I.%I AS %s%s%s%s;', n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod),
                              CASE WHEN t.typdefault IS NOT NULL THEN ' DEFAULT ' || t.typdefault ELSE '' END,
                              CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END,
                              COALESCE((SELECT string_agg(' CONSTRAINT ' || quote_ident(d.conname) || ' ' || pg_get_constraintdef(d.oid), '' ORDER BY d.conname)
                                        FROM pg_constraint d WHERE d.contypid = t.oid), '')),
                       format('DROP DOMAIN IF EXISTS %I.%I;', n.nspname, t.typname), NULL, NULL
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                WHERE t.typtype = 'd' AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
                UNION ALL
                SELECT 2, p.oid, CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'w' THEN 'window function' ELSE 'function' END,
                       n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,
                       -- A function's body may name tables the script creates later: checked when it runs, as pg_dump does.
                       'SET LOCAL check_function_bodies = off;' || E'\n' || pg_get_functiondef(p.oid) || ';',
                       format('DROP %s IF EXISTS %I.%I(%s);', CASE p.prokind WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                              n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), NULL, NULL
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE p.prokind <> 'a' AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
                UNION ALL
                SELECT 3, c.oid, 'partitioning', n.nspname, pg_get_partkeydef(c.oid), 'on ' || c.oid::regclass::text, NULL, NULL, n.nspname, c.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind = 'p' AND n.nspname = ANY($1)
                UNION ALL
                SELECT 4, c.oid, 'partition', n.nspname, c.relname, 'of ' || p.oid::regclass::text || ' ' || pg_get_expr(c.relpartbound, c.oid),
                       format('CREATE TABLE %I.%I PARTITION OF %s %s;', n.nspname, c.relname, p.oid::regclass::text, pg_get_expr(c.relpartbound, c.oid)),
                       format('DROP TABLE IF EXISTS %I.%I;', n.nspname, c.relname), pn.nspname, p.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                WHERE c.relispartition AND c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
                UNION ALL
                SELECT 5, c.oid, CASE c.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, n.nspname, c.relname, NULL,
                       format('CREATE %s %I.%I AS%s%s;', CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END, n.nspname, c.relname,
                              E'\n', rtrim(pg_get_viewdef(c.oid), ';')),
                       format('DROP %s IF EXISTS %I.%I;', CASE c.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED VIEW' END, n.nspname, c.relname), NULL, NULL
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
                UNION ALL
                SELECT 6, t.oid, 'trigger', n.nspname, t.tgname, 'on ' || c.oid::regclass::text, pg_get_triggerdef(t.oid) || ';',
                       format('DROP TRIGGER IF EXISTS %I ON %s;', t.tgname, c.oid::regclass::text), n.nspname, c.relname
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND n.nspname = ANY($1) AND t.tgparentid = 0
                UNION ALL
                -- pg_get_functiondef cannot print an aggregate: its CREATE AGGREGATE is made from pg_aggregate.
                SELECT 7, p.oid, 'aggregate', n.nspname, p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')', NULL,
                       format('CREATE AGGREGATE %I.%I(%s) (SFUNC = %s, STYPE = %s%s%s%s);', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid),
                              a.aggtransfn::regproc, format_type(a.aggtranstype, NULL),
                              CASE WHEN a.aggfinalfn <> 0 THEN ', FINALFUNC = ' || a.aggfinalfn::regproc ELSE '' END,
                              CASE WHEN a.aggcombinefn <> 0 THEN ', COMBINEFUNC = ' || a.aggcombinefn::regproc ELSE '' END,
                              CASE WHEN a.agginitval IS NOT NULL THEN ', INITCOND = ' || quote_literal(a.agginitval) ELSE '' END),
                       format('DROP AGGREGATE IF EXISTS %I.%I(%s);', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid)), NULL, NULL
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_aggregate a ON a.aggfnoid = p.oid
                WHERE p.prokind = 'a' AND n.nspname = ANY($1)
                  AND NOT EXISTS (SELECT 1 FROM extension_owned e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
            ) objects
            ORDER BY rank, created, schema, name
            """;
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters = { new() { Value = schemas.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text } },
        };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var objects = new List<UnmodelledObject>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            objects.Add(new UnmodelledObject(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : new QualifiedName(reader.GetString(6), reader.GetString(7))));
        }
        return objects;
    }
}
