using System.Diagnostics;
using System.Diagnostics.Metrics;
using Aksara.Errors;
using Npgsql;

namespace Aksara.Diagnostics;

/// <summary>
/// Aksara's <see cref="ActivitySource"/> and <see cref="Meter"/>, with the attribute names of OpenTelemetry's database
/// semantic conventions. With no listener, starting a span and adding to a counter cost a check and nothing more.
/// </summary>
internal static class Telemetry
{
    private static readonly string? s_version = typeof(Telemetry).Assembly.GetName().Version?.ToString();

    internal static readonly ActivitySource Source = new(AksaraInstrumentation.ActivitySourceName, s_version);

    private static readonly Meter s_meter = new(AksaraInstrumentation.MeterName, s_version);

    private static readonly Counter<long> s_failedStatements = s_meter.CreateCounter<long>(
        "aksara.db.client.failed_statements", "{statement}", "Statements that failed, by SQLSTATE (db.response.status_code) and its class.");

    private static readonly Counter<long> s_poolExhaustions = s_meter.CreateCounter<long>(
        "aksara.db.client.pool_exhaustions", "{wait}", "Waits for a connection that gave up because every connection of the pool stayed busy.");

    private static readonly Histogram<double> s_migrationDuration = s_meter.CreateHistogram<double>(
        "aksara.migration.duration", "s", "How long each migration script ran, up or down, to its commit or its failure.");

    private static readonly Counter<long> s_migrationLockWaits = s_meter.CreateCounter<long>(
        "aksara.migration.lock_waits", "{wait}", "Migration statements that waited longer than the DDL lock timeout for a table lock and were retried.");

    /// <summary>A span for <paramref name="operation"/>, or null when nobody listens.</summary>
    internal static Activity? Start(DatabaseOperation operation, ConnectionTarget target)
    {
        var activity = Source.StartActivity(operation.SpanName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "postgresql");
            activity.SetTag("db.operation.name", operation.Name);
            activity.SetTag("db.collection.name", operation.Table);
            activity.SetTag("db.namespace", target.Database);
            activity.SetTag("server.address", target.Host);
            activity.SetTag("server.port", target.Port);
            activity.SetTag("aksara.model", operation.Model);
        }
        return activity;
    }

    /// <summary>Counts a failure by its SQLSTATE (or its connection failure), and marks <paramref name="activity"/> failed.</summary>
    internal static void Failed(Activity? activity, Exception original, Exception translated, ConnectionTarget target)
    {
        // A caller that gave up is no failure of the database's.
        if (original is OperationCanceledException)
            return;
        var sqlState = (original as PostgresException)?.SqlState ?? (translated as ConstraintViolationException)?.SqlState;
        var errorType = sqlState ?? (translated as AksaraConnectionException)?.Failure.ToString() ?? original.GetType().FullName;
        var database = new KeyValuePair<string, object?>("db.namespace", target.Database);
        if (translated is AksaraConnectionException { Failure: ConnectionFailure.PoolExhausted } && s_poolExhaustions.Enabled)
            s_poolExhaustions.Add(1, database);
        if (s_failedStatements.Enabled)
        {
            s_failedStatements.Add(1,
                database,
                new KeyValuePair<string, object?>("db.response.status_code", sqlState),
                new KeyValuePair<string, object?>("aksara.db.sqlstate_class", sqlState?[..2]),
                new KeyValuePair<string, object?>("error.type", errorType));
        }
        if (activity is null)
            return;
        activity.SetStatus(ActivityStatusCode.Error, translated.GetType().Name);
        activity.SetTag("error.type", errorType);
        if (sqlState is not null)
            activity.SetTag("db.response.status_code", sqlState);
    }

    /// <summary>A span for running one migration script, or null when nobody listens.</summary>
    internal static Activity? StartMigration(string name, bool down, string? database)
    {
        var activity = Source.StartActivity(down ? $"revert {name}" : $"migrate {name}", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", "postgresql");
            activity.SetTag("db.namespace", database);
            activity.SetTag("aksara.migration.name", name);
            activity.SetTag("aksara.migration.direction", down ? "down" : "up");
        }
        return activity;
    }

    internal static void MigrationRan(Activity? activity, string name, bool down, string? database, TimeSpan duration, Exception? error)
    {
        if (s_migrationDuration.Enabled)
        {
            s_migrationDuration.Record(duration.TotalSeconds,
                new KeyValuePair<string, object?>("db.namespace", database),
                new KeyValuePair<string, object?>("aksara.migration.name", name),
                new KeyValuePair<string, object?>("aksara.migration.direction", down ? "down" : "up"),
                new KeyValuePair<string, object?>("error.type", error?.GetType().FullName));
        }
        if (error is not null)
            activity?.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
    }

    internal static void MigrationLockWaited(string migration, string? database)
    {
        if (s_migrationLockWaits.Enabled)
        {
            s_migrationLockWaits.Add(1, new KeyValuePair<string, object?>("db.namespace", database),
                new KeyValuePair<string, object?>("aksara.migration.name", migration));
        }
    }
}
