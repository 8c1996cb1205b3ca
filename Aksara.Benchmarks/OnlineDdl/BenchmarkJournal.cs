using Npgsql;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// The runner records the benchmark's scripts in the database's migration journal (<c>public.aksara_migrations</c>).
/// The scripts are generated afresh for every variant with the same names, so their rows are removed before each run
/// (or the runner would find them applied) and at the end. The benchmark refuses a database that holds other
/// migrations: it is meant for the throwaway cluster or a database of its own.
/// </summary>
internal static class BenchmarkJournal
{
    private const string Table = "public.aksara_migrations";
    private const string OwnRows = $"name LIKE '%\\_{OnlineDdlSchemas.MigrationName}%'";

    public static async Task EnsureOwnAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(dataSource, cancellationToken))
            return;
        await using var others = dataSource.CreateCommand($"SELECT count(*) FROM {Table} WHERE NOT ({OwnRows})");
        var count = (long)(await others.ExecuteScalarAsync(cancellationToken))!;
        if (count > 0)
        {
            throw new InvalidOperationException(
                $"This database has {count} migration(s) of its own in {Table}. The online-ddl benchmark applies migrations and edits that journal: "
                + "run it against the throwaway cluster (unset AKSARA_BENCH_DATABASE_URL) or a database of its own.");
        }
    }

    /// <summary>Removes the benchmark's rows; with <paramref name="dropWhenEmpty"/>, the journal too when nothing else is in it.</summary>
    public static async Task ForgetAsync(NpgsqlDataSource dataSource, bool dropWhenEmpty, CancellationToken cancellationToken)
    {
        if (!await ExistsAsync(dataSource, cancellationToken))
            return;
        await using (var delete = dataSource.CreateCommand($"DELETE FROM {Table} WHERE {OwnRows}"))
            await delete.ExecuteNonQueryAsync(cancellationToken);
        if (!dropWhenEmpty)
            return;
        await using var drop = dataSource.CreateCommand(
            $"DO $$ BEGIN IF NOT EXISTS (SELECT FROM {Table}) THEN DROP TABLE {Table}; END IF; END $$");
        await drop.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<bool> ExistsAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var exists = dataSource.CreateCommand($"SELECT to_regclass('{Table}') IS NOT NULL");
        return (bool)(await exists.ExecuteScalarAsync(cancellationToken))!;
    }
}
