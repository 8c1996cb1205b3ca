using Aksara;

namespace AksaraWorker;

/// <summary>
/// Claims pending jobs one at a time and marks them finished. <c>FOR UPDATE SKIP LOCKED</c> lets several copies of the
/// worker share the table: each row goes to one of them, and none waits on another's. With nothing pending it polls
/// again after <see cref="IdleDelay"/>.
/// </summary>
public sealed class JobWorker(Database db, ILogger<JobWorker> logger) : BackgroundService
{
    static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.LogInformation("Waiting for jobs");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await TryProcessNextAsync(stoppingToken))
                    continue;
            }
            catch (AksaraConnectionException ex)
            {
                // The database logs the outage itself; the job stays pending and is claimed once it is back.
                logger.LogDebug(ex, "No job claimed: the database is not available");
            }
            try
            {
                await Task.Delay(IdleDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Claims the oldest pending job and finishes it, in one transaction; false when none is pending.</summary>
    async Task<bool> TryProcessNextAsync(CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var job = await transaction.FetchRowAsync<ClaimedJob>("""
            SELECT id, name FROM jobs
            WHERE finished_at IS NULL
            ORDER BY created_at
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """, cancellationToken);
        if (job is null)
            return false;

        // The work of the job goes here. An exception rolls the claim back, so the job is tried again.
        await transaction.ExecuteAsync("UPDATE jobs SET finished_at = now(), updated_at = now() WHERE id = $1", cancellationToken, job.Id);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Finished job {JobId} ({JobName})", job.Id, job.Name);
        return true;
    }

    sealed record ClaimedJob(Guid Id, string Name);
}
