namespace Aksara;

/// <summary>
/// The names under which Aksara reports its spans and metrics (OpenTelemetry: <c>AddSource</c> / <c>AddMeter</c>, or
/// <c>AddAksaraInstrumentation()</c> from the Aksara.OpenTelemetry package). They complement Npgsql's own, which report
/// each statement: Aksara's say which operation of which model a statement belongs to.
/// </summary>
public static class AksaraInstrumentation
{
    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/>: a span per CRUD call, typed query, COPY and migration script.</summary>
    public const string ActivitySourceName = "Aksara";

    /// <summary>
    /// The <see cref="System.Diagnostics.Metrics.Meter"/>: <c>aksara.db.client.failed_statements</c>,
    /// <c>aksara.db.client.pool_exhaustions</c>, <c>aksara.migration.duration</c>, <c>aksara.migration.lock_waits</c>.
    /// </summary>
    public const string MeterName = "Aksara";
}
