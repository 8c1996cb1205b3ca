using Npgsql;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// A report, a backup or an analyst's query: every <see cref="OnlineDdlOptions.ReaderEvery"/>, a transaction that reads
/// the whole table and then keeps its ACCESS SHARE lock for <see cref="OnlineDdlOptions.ReaderSleep"/>. It blocks no
/// writer by itself; but an <c>ALTER TABLE</c> that needs ACCESS EXCLUSIVE queues behind it, and every writer then
/// queues behind the <c>ALTER TABLE</c>. That chain, not the DDL's own run time, is what takes a live table down.
/// </summary>
internal sealed class PeriodicLongReader(string databaseUrl, OnlineDdlOptions options)
{
    private long _endTicks = long.MaxValue;

    /// <summary>When the transactions began and ended, on the load's clock.</summary>
    public List<(TimeSpan Began, TimeSpan Ended)> Transactions { get; } = [];

    /// <summary>The first transaction begins at <paramref name="firstAt"/>; none begins at or after <see cref="StopAt"/>'s time.</summary>
    public async Task RunAsync(RunTimeline timeline, TimeSpan firstAt, CancellationToken cancellationToken)
    {
        var clock = timeline.Clock;
        var builder = global::Aksara.DatabaseUrl.Parse(databaseUrl).ToConnectionStringBuilder();
        builder.ApplicationName = "aksara-bench-reader";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        for (var number = 0; ; number++)
        {
            var due = firstAt + options.ReaderEvery * number;
            if (due.Ticks >= Interlocked.Read(ref _endTicks))
                return;
            var wait = due - clock.Elapsed;
            try
            {
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellationToken);
                var began = clock.Elapsed;
                timeline.Note("read transaction begins");
                await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
                {
                    await ExecuteAsync(connection, transaction, $"SELECT count(*) FROM {OnlineDdlSchemas.QualifiedOrders}", cancellationToken);
                    await ExecuteAsync(connection, transaction, $"SELECT pg_sleep({options.ReaderSleep.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)})", cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                Transactions.Add((began, clock.Elapsed));
                timeline.Note(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"read transaction ends (held {(clock.Elapsed - began).TotalSeconds:0.000} s)"));
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public void StopAt(TimeSpan at) => Interlocked.Exchange(ref _endTicks, at.Ticks);

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        await command.ExecuteScalarAsync(cancellationToken);
    }
}
