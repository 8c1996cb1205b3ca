using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aksara.Tests.Hosting;

/// <summary>An Aksara app served by Kestrel on a free loopback port, with a client pointed at it.</summary>
internal sealed class KestrelApp : IAsyncDisposable
{
    private KestrelApp(AksaraApplication app, HttpClient client, CollectingLoggerProvider logs)
    {
        App = app;
        Client = client;
        Logs = logs;
    }

    public AksaraApplication App { get; }
    public HttpClient Client { get; }
    public CollectingLoggerProvider Logs { get; }

    public static AksaraAppBuilder CreateBuilder(Action<AksaraOptions> configure, CollectingLoggerProvider logs)
    {
        var builder = AksaraApp.CreateBuilder([], configure);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        return builder;
    }

    public static async Task<KestrelApp> StartAsync(Action<AksaraOptions> configure, Action<AksaraApplication>? map = null, Action<IServiceCollection>? services = null)
    {
        var logs = new CollectingLoggerProvider();
        var builder = CreateBuilder(configure, logs);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapAksaraHealth("/health");
        map?.Invoke(app);
        await app.StartAsync();
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
        return new KestrelApp(app, client, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
