using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aksara;

/// <summary>
/// Builds an <see cref="AksaraApplication"/>: a <see cref="WebApplicationBuilder"/> with Aksara already added.
/// Register services, configuration and logging exactly as on the web builder, which <see cref="Web"/> exposes.
/// </summary>
public sealed class AksaraAppBuilder
{
    internal AksaraAppBuilder(WebApplicationBuilder web, string[] args, Action<AksaraOptions>? configure)
    {
        Web = web;
        // .env and DATABASE_URL/AKSARA_* go above appsettings.json and the ASPNETCORE_/DOTNET_ environment, as the
        // configuration contract says; the command line is added again so that it still wins, as in any ASP.NET Core app.
        web.Configuration.AddAksaraSources(web.Environment.ContentRootPath);
        if (args.Length > 0)
            web.Configuration.AddCommandLine(args);
        web.Services.AddAksaraCore(web.Configuration, addAksaraSources: false, configure);
    }

    /// <summary>The underlying ASP.NET Core builder, for anything this type does not surface.</summary>
    public WebApplicationBuilder Web { get; }

    public IServiceCollection Services => Web.Services;

    public ConfigurationManager Configuration => Web.Configuration;

    public IWebHostEnvironment Environment => Web.Environment;

    public ILoggingBuilder Logging => Web.Logging;

    /// <summary>Configures the web host (Kestrel, URLs, a test server).</summary>
    public ConfigureWebHostBuilder WebHost => Web.WebHost;

    /// <summary>Configures the generic host.</summary>
    public ConfigureHostBuilder Host => Web.Host;

    /// <summary>Builds the app, with <see cref="AksaraApplicationBuilderExtensions.UseAksaraProblemDetails"/> first in its pipeline.</summary>
    public AksaraApplication Build()
    {
        var app = Web.Build();
        app.UseAksaraProblemDetails();
        return new AksaraApplication(app);
    }
}
