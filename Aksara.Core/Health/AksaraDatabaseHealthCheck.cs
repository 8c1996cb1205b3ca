using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Aksara.Health;

/// <summary>
/// Runs <c>SELECT 1</c> on a <see cref="Database"/> within <see cref="Timeout"/> (its own budget: a dead server must not
/// hold the health endpoint for the pool's 15 s connection timeout). The result's data holds only a state word and the
/// latency — never the URL or the exception — because it is what <c>/health</c> shows.
/// </summary>
internal sealed class AksaraDatabaseHealthCheck(Database database) : IHealthCheck
{
    internal static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var failureStatus = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Timeout);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            try
            {
                await ProbeAsync(budget.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBrokenPooledConnection(ex) && !budget.IsCancellationRequested)
            {
                // After a server restart the idle connections in the pool are dead; the first one to be used fails.
                // Emptying the pool and trying once more on a fresh connection is what makes /health recover by itself.
                database.DataSource.Clear();
                await ProbeAsync(budget.Token).ConfigureAwait(false);
            }
            var data = new Dictionary<string, object>
            {
                [DatabaseHealthStates.DataKey] = DatabaseHealthStates.Connected,
                [DatabaseHealthStates.LatencyKey] = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 2),
            };
            // A replica that lags or is down does not make the app unhealthy (its reads go to the primary); it is shown.
            if (database.HasReplicas)
                data[DatabaseHealthStates.ReplicasKey] = await database.Replica.CheckAsync(budget.Token).ConfigureAwait(false);
            return HealthCheckResult.Healthy(data: data);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // After a lost server the next probe must start from new connections; a merely busy or slow pool is left alone,
            // since emptying it under load would only add reconnects.
            if (!budget.IsCancellationRequested && ex is not AksaraConnectionException { Failure: ConnectionFailure.PoolExhausted or ConnectionFailure.Timeout })
                database.DataSource.Clear();
            // The exception is for the server-side log of the health service; the response writer never shows it.
            return new HealthCheckResult(failureStatus, exception: ex, data: new Dictionary<string, object>
            {
                [DatabaseHealthStates.DataKey] = Classify(ex, budget.IsCancellationRequested),
            });
        }
    }

    private async Task ProbeAsync(CancellationToken cancellationToken)
    {
        // WaitAsync bounds the probe even where a connection attempt does not observe the token promptly.
        await database.FetchValAsync<int>("SELECT 1", cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Classify(Exception exception, bool timedOut) => exception switch
    {
        _ when timedOut => DatabaseHealthStates.Timeout,
        AksaraConnectionException { Failure: ConnectionFailure.AuthenticationFailed } => DatabaseHealthStates.AuthFailed,
        AksaraConnectionException { Failure: ConnectionFailure.Timeout } => DatabaseHealthStates.Timeout,
        TimeoutException => DatabaseHealthStates.Timeout,
        _ => DatabaseHealthStates.Unreachable,
    };

    // A connection that was open (so no connection failure) but whose server session is gone: the socket died, or the
    // server said goodbye (57P01 admin shutdown, 57P02 crash shutdown) while the connection sat idle in the pool.
    private static bool IsBrokenPooledConnection(Exception exception) => exception switch
    {
        AksaraConnectionException { Failure: ConnectionFailure.ConnectionLost } => true,
        PostgresException pg => pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
            || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is IOException or EndOfStreamException,
        _ => false,
    };
}
