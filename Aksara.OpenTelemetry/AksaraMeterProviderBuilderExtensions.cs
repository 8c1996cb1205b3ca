using Aksara;

namespace OpenTelemetry.Metrics;

public static class AksaraMeterProviderBuilderExtensions
{
    /// <summary>
    /// Collects Aksara's metrics: failed statements by SQLSTATE, pool exhaustions, migration durations and migration
    /// lock waits (<see cref="AksaraInstrumentation.MeterName"/>).
    /// </summary>
    public static MeterProviderBuilder AddAksaraInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter(AksaraInstrumentation.MeterName);
    }
}
