using Aksara.Migrations.Schema;
using Npgsql;
using static Aksara.Migrations.Ddl.DdlQuoting;

namespace Aksara.Migrations.Running;

/// <summary>
/// What an application's runtime role needs on the schemas the migrating role owns tables in, and nothing more: USAGE on
/// each schema, SELECT/INSERT/UPDATE/DELETE on its tables, USAGE/SELECT on its sequences, the same by default on what the
/// migrating role creates there later, and only SELECT on the migrations journal. No DDL, no TRUNCATE, no ownership.
/// </summary>
internal static class RuntimeGrants
{
    /// <summary>Throws <see cref="AksaraConfigurationException"/>, saying how to create it, when <paramref name="role"/> does not exist.</summary>
    public static async Task RequireRoleAsync(NpgsqlConnection connection, string role, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)", connection) { Parameters = { new() { Value = role } } })
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                throw new AksaraConfigurationException(
                    $"The runtime role \"{role}\" (Aksara:Migrations:RuntimeRole, --grant-to) does not exist, so nothing was migrated. Create it once: CREATE ROLE {Quote(role)} LOGIN PASSWORD '…';");
            }
        }
    }

    /// <summary>Grants <paramref name="role"/> the runtime's rights in every schema where the connected (migrating) role owns tables or sequences.</summary>
    public static async Task ApplyAsync(NpgsqlConnection connection, string role, QualifiedName journal, CancellationToken cancellationToken)
    {
        var schemas = new List<string>();
        await using (var owned = new NpgsqlCommand("""
            SELECT DISTINCT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND c.relkind IN ('r', 'p', 'S')
              AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            ORDER BY 1
            """, connection))
        await using (var reader = await owned.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                schemas.Add(reader.GetString(0));
        }
        await GrantAsync(connection, role, schemas, journal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Grants <paramref name="role"/> the runtime's rights in <paramref name="schemas"/>, including by default on what the
    /// connected role creates there later, so that it can be done before the first migration (<c>dbsetup --create-role</c>).
    /// </summary>
    public static async Task GrantAsync(NpgsqlConnection connection, string role, IEnumerable<string> schemas, QualifiedName journal, CancellationToken cancellationToken)
    {
        var grantee = Quote(role);
        var sql = new System.Text.StringBuilder();
        foreach (var schema in schemas.Distinct(StringComparer.Ordinal).Select(Quote))
        {
            sql.Append($"GRANT USAGE ON SCHEMA {schema} TO {grantee};\n")
                .Append($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {grantee};\n")
                .Append($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {grantee};\n")
                .Append($"ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {grantee};\n")
                .Append($"ALTER DEFAULT PRIVILEGES FOR ROLE CURRENT_USER IN SCHEMA {schema} GRANT USAGE, SELECT ON SEQUENCES TO {grantee};\n");
        }
        // The runtime may read which migrations ran; only migrations write the journal.
        sql.Append($"DO $$ BEGIN IF to_regclass({Literal(Quote(journal))}) IS NOT NULL THEN ")
            .Append($"REVOKE INSERT, UPDATE, DELETE ON {Quote(journal)} FROM {grantee}; GRANT SELECT ON {Quote(journal)} TO {grantee}; END IF; END $$;");
        // All of them or none: a runtime role half granted would fail at run time on whatever was left out.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var grant = new NpgsqlCommand(sql.ToString(), connection, transaction))
            await grant.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
