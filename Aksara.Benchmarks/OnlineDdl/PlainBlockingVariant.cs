using Aksara.Migrations.Diffing;
using Aksara.Migrations.Scripts;
using Npgsql;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// What Aksara avoids: the same change as plain DDL (<c>makemigrations --unsafe</c>: one script, <c>CREATE INDEX</c>,
/// validated constraints, <c>SET NOT NULL</c> by a scan), applied the way a naive tool applies a migration: the whole
/// script in one transaction on a plain connection, with no lock timeout, so every lock it takes is held until it commits.
/// </summary>
internal sealed class PlainBlockingVariant : IMigrationVariant
{
    public string Name => "plain";

    public string Description => "makemigrations --unsafe (plain DDL, one script), run in one transaction on a plain Npgsql connection, no lock_timeout";

    public DiffOptions DiffOptions { get; } = new() { Unsafe = true };

    public async Task<MigrationOutcome> ApplyAsync(string databaseUrl, string folder, RunTimeline timeline, CancellationToken cancellationToken)
    {
        var builder = global::Aksara.DatabaseUrl.Parse(databaseUrl).ToConnectionStringBuilder();
        builder.ApplicationName = "aksara-bench-naive-migrate";
        builder.Pooling = false;
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        var started = timeline.Clock.Elapsed;
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            foreach (var script in new MigrationDirectory(folder).ListScripts())
            {
                await using var command = new NpgsqlCommand(script.ReadContents(), connection, transaction) { CommandTimeout = 0 };
                await command.ExecuteNonQueryAsync(cancellationToken);
                timeline.Note($"ran {script.Name}; committing");
            }
            await transaction.CommitAsync(cancellationToken);
        }
        catch (PostgresException error)
        {
            return new MigrationOutcome(timeline.Clock.Elapsed - started, 0, $"{error.SqlState}: {error.MessageText}");
        }
        return new MigrationOutcome(timeline.Clock.Elapsed - started, 0, null);
    }
}
