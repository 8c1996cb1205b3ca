using Aksara;
//#if (sample)
using AksaraWebApi.Endpoints;
//#endif
using AksaraWebApi.Hosting;

var builder = AksaraApp.CreateBuilder(args);
builder.Services.AddValidation();
builder.Services.AddApiDocumentation();     // /openapi/v1.json and /scalar, mapped in Development only
builder.AddTelemetryWhenConfigured();       // traces and metrics over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set

var app = builder.Build();

// Development without a DATABASE_URL: start this project's own PostgreSQL in .aksara/ (needs the server binaries).
// It logs where it is, its port and how to stop it; `aksara migrate` in this folder finds it too.
if (app.Environment.IsDevelopment() && string.IsNullOrEmpty(app.Configuration["Aksara:DatabaseUrl"]))
{
    var contentRoot = app.Environment.ContentRootPath;
    var database = DatabaseNames.FromFolderName(new DirectoryInfo(contentRoot).Name);
    app.Configuration["Aksara:DatabaseUrl"] = await LocalDevelopmentDatabase.EnsureStartedAsync(contentRoot, database, app.Logger);
}

// Development applies pending migrations at start. In production, run `aksara migrate` before starting the new version.
if (app.Environment.IsDevelopment())
{
    Exception? failure;
    try
    {
        failure = (await MigrationRunner.For(app.Database)
            .OnScriptApplied(migration => app.Logger.LogInformation("Applied migration {Migration}", migration.Name))
            .Build()
            .MigrateAsync()).Error;
    }
    catch (AksaraException ex)
    {
        failure = ex;
    }
    if (failure is AksaraConnectionException or AksaraConfigurationException)
    {
        // app.Run() below reports it, once: it stops the start (exit code 1), or with Aksara:StartWithoutDatabase the
        // app starts and /health answers 503 until the database is back.
        app.Logger.LogWarning("Pending migrations were not applied: the database is not available. They are applied at the next start.");
    }
    else if (failure is not null)
    {
        app.Logger.LogCritical("The application cannot start: a migration failed: {Message}", failure.Message);
        Environment.ExitCode = 1;
        return;
    }
}

// Error responses without a body (a malformed JSON body, an unknown route) get a problem body too.
app.UseStatusCodePages();

app.MapApiDocumentation();
app.MapAksaraHealth("/health");
//#if (sample)
app.MapUsers();
app.MapPosts();
//#endif

app.Run();
