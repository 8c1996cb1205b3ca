using Aksara;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AksaraWebApi.Hosting;

/// <summary>
/// Traces and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: the requests (ASP.NET Core), Aksara's
/// operations and migrations, and the statements under them (Npgsql). Without the variable nothing is collected.
/// </summary>
public static class Telemetry
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static AksaraAppBuilder AddTelemetryWhenConfigured(this AksaraAppBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[EndpointVariable]))
            return builder;

        // The exporter reads the rest of its settings from the standard variables too: OTEL_EXPORTER_OTLP_PROTOCOL
        // (grpc, the default, or http/protobuf), OTEL_EXPORTER_OTLP_HEADERS, OTEL_BSP_SCHEDULE_DELAY,
        // OTEL_METRIC_EXPORT_INTERVAL, OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES.
        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrEmpty(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName));
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddAksaraInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddAksaraInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddOtlpExporter());
        return builder;
    }
}
