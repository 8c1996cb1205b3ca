using Microsoft.AspNetCore.Builder;

namespace Aksara;

/// <summary>
/// Entry point of an Aksara web app, the counterpart of <see cref="WebApplication"/>:
/// <code>
/// var builder = AksaraApp.CreateBuilder(args, options => options.PoolMaxSize = 20);
/// var app = builder.Build();
/// app.MapGet("/users/{id:guid}", (Guid id, Database db) => db.GetAsync&lt;User&gt;(id));
/// app.MapAksaraHealth("/health");
/// app.Run();
/// </code>
/// </summary>
public static class AksaraApp
{
    /// <summary>
    /// A <see cref="WebApplication"/> builder with Aksara's configuration sources (<c>.env</c>, <c>DATABASE_URL</c>,
    /// <c>AKSARA_*</c>) and services (<c>AddAksara</c>) added; <paramref name="configure"/> wins over every source.
    /// </summary>
    public static AksaraAppBuilder CreateBuilder(string[] args, Action<AksaraOptions>? configure = null) =>
        CreateBuilder(new WebApplicationOptions { Args = args }, configure);

    /// <inheritdoc cref="CreateBuilder(string[], Action{AksaraOptions}?)"/>
    public static AksaraAppBuilder CreateBuilder(WebApplicationOptions options, Action<AksaraOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AksaraAppBuilder(WebApplication.CreateBuilder(options), options.Args ?? [], configure);
    }
}
