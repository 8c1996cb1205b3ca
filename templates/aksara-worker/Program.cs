using Aksara;
using AksaraWorker;

var builder = Host.CreateApplicationBuilder(args);
// The database of DATABASE_URL (the environment, else .env), its pool opened at start and closed at shutdown.
builder.Services.AddAksara(builder.Configuration);
builder.Services.AddHostedService<JobWorker>();

using var host = builder.Build();
var logger = host.Services.GetRequiredService<ILogger<Program>>();

// Settings that cannot work (no DATABASE_URL, a malformed one) stop the start with one line, before any service runs.
Database database;
try
{
    database = host.Services.GetRequiredService<Database>();
}
catch (AksaraConfigurationException ex)
{
    logger.LogCritical("The worker cannot start: {Message}", ex.Message);
    Environment.ExitCode = 1;
    return;
}

// Development applies pending migrations at start. In production, run `aksara migrate` before starting the new version.
if (host.Services.GetRequiredService<IHostEnvironment>().IsDevelopment())
{
    Exception? failure;
    try
    {
        failure = (await MigrationRunner.For(database)
            .OnScriptApplied(migration => logger.LogInformation("Applied migration {Migration}", migration.Name))
            .Build()
            .MigrateAsync()).Error;
    }
    catch (AksaraException ex)
    {
        failure = ex;
    }
    if (failure is not null)
    {
        logger.LogCritical("The worker cannot start: the migrations were not applied: {Message}", failure.Message);
        Environment.ExitCode = 1;
        return;
    }
}

// Runs until Ctrl+C or SIGTERM: the job in hand finishes, then the pool closes.
try
{
    await host.RunAsync();
}
catch (AksaraException)
{
    // Aksara logged why, once, as Critical (the database could not be reached, or DATABASE_URL is missing).
    Environment.ExitCode = 1;
}
