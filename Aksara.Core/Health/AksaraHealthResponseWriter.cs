using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aksara.Health;

/// <summary>
/// Writes the <c>/health</c> body. Only the state words and latency that <see cref="AksaraDatabaseHealthCheck"/> puts
/// in its data are copied; descriptions, exceptions and other checks' data are not, since any of them may name a
/// host or quote an error.
/// </summary>
internal static class AksaraHealthResponseWriter
{
    internal static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        // Health probes poll; a cached answer would hide an outage.
        context.Response.Headers.CacheControl = "no-store";
        if (HttpMethods.IsHead(context.Request.Method))
            return;

        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", StatusWord(report.Status));
        if (report.Entries.TryGetValue(AksaraHealthChecksBuilderExtensions.DefaultCheckName, out var primary))
            WriteDatabaseFields(json, primary);

        var others = report.Entries.Where(e => e.Key != AksaraHealthChecksBuilderExtensions.DefaultCheckName).ToList();
        if (others.Count > 0)
        {
            json.WriteStartObject("checks");
            foreach (var (name, entry) in others)
            {
                json.WriteStartObject(name);
                json.WriteString("status", StatusWord(entry.Status));
                WriteDatabaseFields(json, entry);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteDatabaseFields(Utf8JsonWriter json, HealthReportEntry entry)
    {
        if (!entry.Tags.Contains("aksara"))
            return;
        if (entry.Data.TryGetValue(DatabaseHealthStates.DataKey, out var state) && state is string word)
            json.WriteString(DatabaseHealthStates.DataKey, word);
        else if (entry.Status != HealthStatus.Healthy)
            // No data: the health service itself cut the check short (a registration timeout) or it threw.
            json.WriteString(DatabaseHealthStates.DataKey, DatabaseHealthStates.Unreachable);
        if (entry.Data.TryGetValue(DatabaseHealthStates.LatencyKey, out var latency) && latency is double milliseconds)
            json.WriteNumber(DatabaseHealthStates.LatencyKey, milliseconds);
        if (entry.Data.TryGetValue(DatabaseHealthStates.ReplicasKey, out var value) && value is IReadOnlyList<ReplicaStatus> replicas)
            WriteReplicas(json, replicas);
    }

    // In the order they are configured, without their URLs (a health endpoint names no host).
    private static void WriteReplicas(Utf8JsonWriter json, IReadOnlyList<ReplicaStatus> replicas)
    {
        json.WriteStartArray(DatabaseHealthStates.ReplicasKey);
        foreach (var replica in replicas)
        {
            json.WriteStartObject();
            json.WriteBoolean("connected", replica.Connected);
            json.WriteBoolean("standby", replica.InRecovery);
            if (replica.LagMs is { } lag)
                json.WriteNumber("lag_ms", lag);
            else
                json.WriteNull("lag_ms");
            json.WriteBoolean("used", replica.Used);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static string StatusWord(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
