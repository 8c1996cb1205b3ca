using System.Globalization;
using Aksara.Migrations.Diffing;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// The change as <c>aksara makemigrations</c> writes it (default options: the lock-safe scripts), applied as
/// <c>aksara migrate</c> applies it: by <see cref="MigrationRunner"/>, which gives every DDL statement a lock timeout and
/// tries a script again, with backoff, when it gave up waiting for its lock.
/// </summary>
internal sealed class LockSafeRunnerVariant(OnlineDdlOptions options) : IMigrationVariant
{
    public string Name => "aksara";

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"makemigrations' lock-safe scripts, applied by MigrationRunner (DDL lock timeout {options.DdlLockTimeout.TotalSeconds:0.###} s, {options.DdlRetries} attempts)");

    public DiffOptions DiffOptions { get; } = new();

    public async Task<MigrationOutcome> ApplyAsync(string databaseUrl, string folder, RunTimeline timeline, CancellationToken cancellationToken)
    {
        await using var database = new Database(new AksaraOptions
        {
            DatabaseUrl = databaseUrl,
            PoolMinSize = 0,
            PoolMaxSize = 4,
            ApplicationName = "aksara-bench-migrate",
        });
        var retries = 0;
        var runner = MigrationRunner.For(database)
            .FromDirectory(folder)
            .WithDdlLockTimeout(options.DdlLockTimeout)
            .WithDdlRetries(options.DdlRetries)
            .OnDdlLockRetry(retry =>
            {
                Interlocked.Increment(ref retries);
                timeline.Note(retry.Message);
            })
            .OnScriptApplied(applied => timeline.Note(string.Create(CultureInfo.InvariantCulture, $"applied {applied.Name} in {applied.Duration.TotalSeconds:0.000} s")))
            .Build();

        var started = timeline.Clock.Elapsed;
        // DbUp runs the scripts synchronously, retries' backoff included: off the thread pool's hands, onto a thread of its own.
        var result = await Task.Factory.StartNew(() => runner.MigrateAsync(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        var wallTime = timeline.Clock.Elapsed - started;
        return new MigrationOutcome(wallTime, retries, result.Error?.Message);
    }
}
