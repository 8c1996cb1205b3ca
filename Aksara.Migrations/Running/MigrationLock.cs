using System.Diagnostics;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>
/// The session advisory lock that makes one migration run at a time per database, held on a connection of its own for
/// the whole run. Waiting is a <c>pg_try_advisory_lock</c> loop rather than <c>pg_advisory_lock</c>, so that it can give
/// up after a timeout and name who holds the lock. If the process dies, PostgreSQL releases the lock with the session.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    /// <summary>The lock key: the bytes of "aksaramg" as a bigint. Advisory locks are per database, so one key suffices.</summary>
    public const long Key = 0x616B_7361_7261_6D67;

    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(200);

    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static string Description => $"the migration lock (pg_advisory_lock({Key}))";

    public static async Task<MigrationLock> AcquireAsync(NpgsqlDataSource dataSource, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                await using (var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({Key})", connection))
                {
                    if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                        return new MigrationLock(connection);
                }
                if (waited.Elapsed >= timeout)
                    throw new MigrationLockTimeoutException(await TimeoutMessageAsync(connection, timeout, cancellationToken).ConfigureAwait(false));
                await Task.Delay(s_pollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand($"SELECT pg_advisory_unlock({Key})", _connection);
            await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // A broken connection has lost its session, and the lock with it.
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static async Task<string> TimeoutMessageAsync(NpgsqlConnection connection, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var holder = "";
        await using var command = new NpgsqlCommand(
            """
            SELECT a.pid, coalesce(a.application_name, ''), coalesce(a.client_addr::text, 'local'), a.backend_start
            FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND l.classid = ($1 >> 32)::oid AND l.objid = ($1 & 4294967295)::oid AND l.objsubid = 1
            LIMIT 1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = Key });
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                holder = $" It is held by backend pid {reader.GetInt32(0)} (application \"{reader.GetString(1)}\", from {reader.GetString(2)}, connected {reader.GetFieldValue<DateTimeOffset>(3):u}).";
        }
        return $"Gave up after {timeout.TotalSeconds:0.#} s waiting for {Description}: another migration run is in progress on this database.{holder} "
            + "Wait for it to finish, or raise the wait with --lock-timeout. If that run is stuck, end its session with pg_terminate_backend(pid).";
    }
}
