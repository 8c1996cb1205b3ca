using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Scripts;
using Npgsql;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// Puts the tables in their state before the change: the schema dropped and created again from
/// <see cref="OnlineDdlSchemas.Before"/> (by the generator's own DDL, so the tables are exactly what the snapshot says),
/// then filled with <c>INSERT … SELECT generate_series</c>. The data depend on nothing but the sizes, so every reset
/// gives the same table.
/// </summary>
internal static class LiveTableSeeder
{
    public static async Task ResetAsync(NpgsqlDataSource dataSource, OnlineDdlOptions options, CancellationToken cancellationToken)
    {
        await DropAsync(dataSource, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var script in CreateScripts())
            await ExecuteAsync(connection, script, cancellationToken);

        // Every order references a customer, so the foreign key validates; codes are unique and amounts positive, so the
        // unique constraint and the check do too; note is filled in every row, so NOT NULL holds.
        await ExecuteAsync(connection,
            $"INSERT INTO {OnlineDdlSchemas.QualifiedCustomers} (name) SELECT 'customer ' || g FROM generate_series(1, {options.Customers}) AS g",
            cancellationToken);
        await ExecuteAsync(connection,
            $"INSERT INTO {OnlineDdlSchemas.QualifiedOrders} (customer_id, amount, code, note) "
            + $"SELECT 1 + (g::bigint * 7919) % {options.Customers}, 1 + g % 1000, 'order-' || g, 'seeded order ' || g FROM generate_series(1, {options.Rows}) AS g",
            cancellationToken);
        // As a table that has lived a while: statistics for the planner, and a visibility map, so that the reader's
        // count(*) and the migration's scans cost what they would in production rather than setting hint bits.
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {OnlineDdlSchemas.QualifiedCustomers}", cancellationToken);
        await ExecuteAsync(connection, $"VACUUM (ANALYZE) {OnlineDdlSchemas.QualifiedOrders}", cancellationToken);
    }

    public static async Task DropAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"DROP SCHEMA IF EXISTS {OnlineDdlSchemas.Schema} CASCADE", cancellationToken);
    }

    /// <summary>
    /// The scripts that create the tables of <see cref="OnlineDdlSchemas.Before"/>, as makemigrations would write the first
    /// migration: generated against a folder that does not exist (no snapshot, no scripts), and written nowhere.
    /// </summary>
    private static IEnumerable<string> CreateScripts()
    {
        var nowhere = new MigrationDirectory(Path.Combine(Path.GetTempPath(), "aksara-online-ddl-" + Guid.NewGuid().ToString("N")));
        return new MigrationGenerator(nowhere).Generate(OnlineDdlSchemas.Before, new DiffOptions(), "online_ddl_tables").Scripts.Select(script => script.Up);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
