using Npgsql;

namespace Aksara.Data;

/// <summary>
/// One read replica and what its last check found: whether it answered, whether it is a standby, and how far its
/// replay is behind the primary. Read and written from several threads; each field is replaced whole.
/// </summary>
internal sealed class ReplicaNode(Database database)
{
    // Lag is what the standby has received but not yet replayed, timed by the last transaction it replayed. A standby
    // that has replayed all it received is not behind, however old that last transaction is (an idle primary).
    private const string LagQuery = """
        SELECT pg_is_in_recovery(),
               CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                    ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 0) END
        """;

    private volatile ReplicaState _state = ReplicaState.Unchecked;

    public Database Database { get; } = database;

    public ReplicaState State => _state;

    /// <summary>Answered its last check (or has not been checked yet) within <paramref name="maxLagMs"/>.</summary>
    public bool IsUsable(double maxLagMs) => _state is { Connected: true } state && state.LagMs <= maxLagMs;

    /// <summary>Asks the replica where it is; a replica that does not answer is marked disconnected, never thrown about.</summary>
    public async Task<ReplicaState> CheckAsync(CancellationToken cancellationToken)
    {
        ReplicaState state;
        try
        {
            await using var connection = await Database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand(LagQuery, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            state = new ReplicaState(Connected: true, InRecovery: reader.GetBoolean(0), LagMs: Math.Round(reader.GetDouble(1)), Error: null);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or AksaraException)
        {
            state = new ReplicaState(Connected: false, InRecovery: false, LagMs: double.PositiveInfinity, Error: ex.GetType().Name);
        }
        _state = state;
        return state;
    }

    /// <summary>A connection that failed to open: not used again until a check finds it back.</summary>
    public void MarkUnreachable(Exception error) => _state = new ReplicaState(false, false, double.PositiveInfinity, error.GetType().Name);
}

/// <param name="LagMs">How far behind the primary, in milliseconds; infinite when it did not answer.</param>
internal sealed record ReplicaState(bool Connected, bool InRecovery, double LagMs, string? Error)
{
    /// <summary>Before the first check a replica is taken to be fine, so that reads go to it from the start.</summary>
    public static ReplicaState Unchecked { get; } = new(Connected: true, InRecovery: true, LagMs: 0, Error: null);
}
