using Aksara;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AksaraWebApi.Hosting;

/// <summary>
/// Traces, metrics and logs over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: the requests (ASP.NET Core), Aksara's
/// operations, and the statements under them (Npgsql). Without the variable nothing is collected or sent.
/// </summary>
public static class Telemetry
{
    public static AksaraAppBuilder AddTelemetryWhenConfigured(this AksaraAppBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            return builder;

        var telemetry = builder.Services.AddOpenTelemetry();
        // Named after the app unless OTEL_SERVICE_NAME names it (AddService would override the variable).
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddAksaraInstrumentation()
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddAksaraInstrumentation()
                .AddNpgsqlInstrumentation())
            // One exporter for the three signals, configured by the standard variables: OTEL_EXPORTER_OTLP_PROTOCOL
            // (grpc, the default, or http/protobuf), OTEL_EXPORTER_OTLP_HEADERS, the per-signal
            // OTEL_EXPORTER_OTLP_TRACES_ENDPOINT and the like, OTEL_BSP_SCHEDULE_DELAY, OTEL_METRIC_EXPORT_INTERVAL.
            .UseOtlpExporter();
        return builder;
    }
}
