using System.Net;
using System.Text.RegularExpressions;

namespace Aksara.Tests.Starter;

/// <summary>
/// The starter exports traces and metrics over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, here to a loopback
/// receiver over OTLP/HTTP protobuf: the request's span (ASP.NET Core), Aksara's span for the query and Npgsql's for
/// its statement, the request and statement metrics, and the logs. Without the variable it collects and sends nothing.
/// </summary>
public sealed partial class StarterTelemetryTests : DatabaseTestBase
{
    static readonly TimeSpan ExportWait = TimeSpan.FromSeconds(60);

    /// <summary>OTLP over HTTP, exported every 100 ms (spans, logs) and 200 ms (metrics) instead of every 5 and 60 s.</summary>
    static Dictionary<string, string> ExportSettings() => new()
    {
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "100",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
    };

    [TestCase(null, "AksaraWebApi", TestName = "{m}(named after the app)")]
    [TestCase("orders-api", "orders-api", TestName = "{m}(named by OTEL_SERVICE_NAME)")]
    public async Task With_OTEL_EXPORTER_OTLP_ENDPOINT_a_request_is_exported_as_spans_and_metrics_and_the_logs_too(string? serviceNameVariable, string serviceName)
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = ExportSettings();
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString();
        if (serviceNameVariable is not null)
            settings["OTEL_SERVICE_NAME"] = serviceNameVariable;
        await using var app = await StarterApp.StartAsync(DatabaseUrl, "Development", settings);

        using var response = await app.Client.GetAsync("/users?limit=5");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);

        // The spans are the request's, Aksara's "select users" and the statement's.
        var traces = await receiver.WaitForAsync("traces", ExportWait, "GET /users", "select users", "db.query.text");
        var metrics = await receiver.WaitForAsync("metrics", ExportWait, "http.server.request.duration", "db.client.operation.duration");
        var logs = await receiver.WaitForAsync("logs", ExportWait, "Application started");

        Assert.Multiple(() =>
        {
            Assert.That(traces, Is.True, "traces received: " + Printable(receiver.Received("traces")) + app.Output);
            Assert.That(metrics, Is.True, "metrics received: " + Printable(receiver.Received("metrics")));
            Assert.That(logs, Is.True, "logs received: " + Printable(receiver.Received("logs")));
            Assert.That(receiver.Exports.Select(export => export.ContentType).Distinct(), Is.EqualTo(new[] { "application/x-protobuf" }));
            Assert.That(receiver.ServiceNames(), Is.EquivalentTo(new[] { serviceName }));
        });
    }

    [Test]
    public async Task Without_OTEL_EXPORTER_OTLP_ENDPOINT_nothing_is_sent_even_at_shutdown()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var settings = ExportSettings();
        // The per-signal endpoints point at the receiver, so that an exporter wired anyway would send there. Empty is
        // unset for the starter, and overrides a value this machine's environment might have.
        settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = "";
        settings["OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"] = new Uri(receiver.Endpoint, "v1/traces").ToString();
        settings["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = new Uri(receiver.Endpoint, "v1/metrics").ToString();
        settings["OTEL_EXPORTER_OTLP_LOGS_ENDPOINT"] = new Uri(receiver.Endpoint, "v1/logs").ToString();
        await using var app = await StarterApp.StartAsync(DatabaseUrl, "Development", settings);

        using var response = await app.Client.GetAsync("/users?limit=5");
        // A graceful stop flushes whatever a wired exporter still holds, so after it nothing more can come.
        var exitCode = await app.StopAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), app.Output);
            Assert.That(exitCode, Is.Zero, app.Output);
            Assert.That(receiver.Exports.Select(export => export.Signal), Is.Empty, "signals received");
        });
    }

    /// <summary>The readable runs of a protobuf payload, for a failure message.</summary>
    static string Printable(string payload) => string.Join(" ", ReadableRuns().Matches(payload).Select(match => match.Value));

    [GeneratedRegex(@"[\x20-\x7E]{4,}")]
    private static partial Regex ReadableRuns();
}
