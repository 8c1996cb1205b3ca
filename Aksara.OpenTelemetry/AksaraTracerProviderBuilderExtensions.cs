using Aksara;

// In OpenTelemetry's namespace, like the SDK's own AddXxxInstrumentation methods, so that it shows up where they do.
namespace OpenTelemetry.Trace;

public static class AksaraTracerProviderBuilderExtensions
{
    /// <summary>
    /// Collects Aksara's spans: one per CRUD call, typed query, COPY and migration script, the parent of the statement
    /// spans Npgsql reports (add those with Npgsql.OpenTelemetry's <c>AddNpgsql()</c>).
    /// </summary>
    public static TracerProviderBuilder AddAksaraInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(AksaraInstrumentation.ActivitySourceName);
    }
}
