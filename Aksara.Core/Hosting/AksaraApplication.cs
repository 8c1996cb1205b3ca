using System.Diagnostics.CodeAnalysis;
using Aksara.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Aksara;

/// <summary>
/// A running Aksara web app. It is a <see cref="WebApplication"/> in all but name: every <c>Map*</c>, <c>Use*</c>
/// and hosting extension works on it because each interface is delegated to the wrapped <see cref="Web"/> app.
/// </summary>
public sealed class AksaraApplication : IHost, IApplicationBuilder, IEndpointRouteBuilder, IAsyncDisposable
{
    internal AksaraApplication(WebApplication web) => Web = web;

    /// <summary>The underlying ASP.NET Core app.</summary>
    public WebApplication Web { get; }

    /// <summary>The default database (the singleton handlers receive as a <see cref="Aksara.Database"/> parameter).</summary>
    public Database Database => Services.GetRequiredService<Database>();

    public IServiceProvider Services => Web.Services;

    public IConfiguration Configuration => Web.Configuration;

    public IWebHostEnvironment Environment => Web.Environment;

    public IHostApplicationLifetime Lifetime => Web.Lifetime;

    public ILogger Logger => Web.Logger;

    /// <summary>The addresses the server listens on; after start, with the ports actually bound.</summary>
    public ICollection<string> Urls => Web.Urls;

    public Task StartAsync(CancellationToken cancellationToken = default) => Web.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => Web.StopAsync(cancellationToken);

    /// <summary>
    /// Runs until shutdown (Ctrl+C, SIGTERM). When a database cannot be reached at start, or its settings are invalid,
    /// it logs why once (Critical, with the hint), sets <see cref="System.Environment.ExitCode"/> to 1 and returns
    /// without starting the server, so that the process exits 1 instead of with an unhandled exception. With
    /// <see cref="AksaraOptions.StartWithoutDatabase"/> an unreachable database is a warning and the server starts.
    /// </summary>
    public async Task RunAsync([StringSyntax(StringSyntaxAttribute.Uri)] string? url = null)
    {
        // Connecting before the host starts keeps a failure to one log line: thrown from the host's start, it would be
        // logged again by the host, then end the process as an unhandled exception (SIGABRT).
        try
        {
            await Services.GetRequiredService<AksaraDatabaseLifecycle>().ConnectAsync(Lifetime.ApplicationStopping).ConfigureAwait(false);
        }
        catch (AksaraException ex) when (ex is AksaraConnectionException or AksaraConfigurationException)
        {
            System.Environment.ExitCode = 1;
            return;
        }
        await Web.RunAsync(url).ConfigureAwait(false);
    }

    /// <inheritdoc cref="RunAsync"/>
    public void Run([StringSyntax(StringSyntaxAttribute.Uri)] string? url = null) => RunAsync(url).GetAwaiter().GetResult();

    public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware) => Web.Use(middleware);

    public void Dispose() => ((IDisposable)Web).Dispose();

    public ValueTask DisposeAsync() => Web.DisposeAsync();

    IServiceProvider IApplicationBuilder.ApplicationServices
    {
        get => ((IApplicationBuilder)Web).ApplicationServices;
        set => ((IApplicationBuilder)Web).ApplicationServices = value;
    }

    IFeatureCollection IApplicationBuilder.ServerFeatures => ((IApplicationBuilder)Web).ServerFeatures;

    IDictionary<string, object?> IApplicationBuilder.Properties => ((IApplicationBuilder)Web).Properties;

    IApplicationBuilder IApplicationBuilder.New() => ((IApplicationBuilder)Web).New();

    RequestDelegate IApplicationBuilder.Build() => ((IApplicationBuilder)Web).Build();

    IServiceProvider IEndpointRouteBuilder.ServiceProvider => ((IEndpointRouteBuilder)Web).ServiceProvider;

    ICollection<EndpointDataSource> IEndpointRouteBuilder.DataSources => ((IEndpointRouteBuilder)Web).DataSources;

    IApplicationBuilder IEndpointRouteBuilder.CreateApplicationBuilder() => ((IEndpointRouteBuilder)Web).CreateApplicationBuilder();
}
