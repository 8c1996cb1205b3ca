using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Starter;

/// <summary>
/// An OTLP/HTTP collector reduced to what a test needs: it takes every POST to <c>/v1/traces</c>, <c>/v1/metrics</c>
/// and <c>/v1/logs</c> on a free loopback port, answers 200 as a collector does, and keeps the bodies.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<Export> _exports = new();

    /// <param name="Signal"><c>traces</c>, <c>metrics</c> or <c>logs</c>, from the path.</param>
    public sealed record Export(string Signal, string ContentType, byte[] Body)
    {
        /// <summary>
        /// The body's bytes read as UTF-8. Protobuf writes strings (span names, attribute keys and values) as plain
        /// UTF-8, so a name the payload carries is a substring of this; the framing around it is noise.
        /// </summary>
        public string Text => Encoding.UTF8.GetString(Body);
    }

    OtlpReceiver(WebApplication app) => _app = app;

    /// <summary>Where the exporter should send: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, without a signal path.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public IReadOnlyList<Export> Exports => [.. _exports];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._exports.Enqueue(new Export(signal, request.ContentType ?? "", body.ToArray()));
            // An empty Export*ServiceResponse: everything was accepted.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    /// <summary>
    /// Waits until the exports of <paramref name="signal"/> received so far, together, contain every one of
    /// <paramref name="texts"/> (an exporter may spread them over several batches); false when they still do not
    /// after <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> WaitForAsync(string signal, TimeSpan timeout, params string[] texts)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!cancellation.IsCancellationRequested)
        {
            if (Received(signal) is var received && texts.All(text => received.Contains(text, StringComparison.Ordinal)))
                return true;
            await Task.Delay(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
        return false;
    }

    /// <summary>Every export of <paramref name="signal"/> received so far, as text, one after the other.</summary>
    public string Received(string signal) =>
        string.Concat(_exports.Where(export => export.Signal == signal).Select(export => export.Text));

    /// <summary>
    /// The <c>service.name</c> values of the resources exported so far. Each is a KeyValue: the key, then field 2 (tag
    /// 0x12) an AnyValue whose field 1 (tag 0x0A) is the string; names under 128 bytes have one-byte lengths.
    /// </summary>
    public IReadOnlySet<string> ServiceNames()
    {
        var key = "service.name"u8.ToArray();
        var names = new HashSet<string>();
        foreach (var body in _exports.Select(export => export.Body))
        {
            for (var at = body.AsSpan().IndexOf(key); at >= 0;)
            {
                var value = at + key.Length;
                if (value + 4 <= body.Length && body[value] == 0x12 && body[value + 2] == 0x0A && value + 4 + body[value + 3] <= body.Length)
                    names.Add(Encoding.UTF8.GetString(body, value + 4, body[value + 3]));
                var next = body.AsSpan(value).IndexOf(key);
                at = next < 0 ? -1 : value + next;
            }
        }
        return names;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
