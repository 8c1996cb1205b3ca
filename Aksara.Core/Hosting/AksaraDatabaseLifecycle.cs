using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aksara.Hosting;

/// <summary>
/// Opens every registered database's pool before the server takes requests, and closes it after the server has
/// drained them. It is a lifecycle service because the web server is itself a hosted service registered before the
/// app's: <see cref="StartingAsync"/> runs before any service starts and <see cref="StoppedAsync"/> after all stopped.
/// It also makes the default database the one <see cref="Database.GetInstance"/> returns.
/// </summary>
internal sealed class AksaraDatabaseLifecycle(
    IServiceProvider services,
    IEnumerable<AksaraDatabaseRegistration> registrations,
    IOptions<AksaraOptions> options,
    ILogger<AksaraDatabaseLifecycle> logger) : IHostedLifecycleService
{
    private readonly List<Database> _opened = [];
    private Task? _connecting;

    public Task StartingAsync(CancellationToken cancellationToken) => ConnectAsync(cancellationToken);

    /// <summary>
    /// Opens the pools, once: <see cref="AksaraApplication.RunAsync"/> calls it before the host starts, so that a database
    /// it cannot reach stops the start with one log line instead of a failed host; <see cref="StartingAsync"/> then finds
    /// it done. A failure is logged here, as Critical, and thrown.
    /// </summary>
    internal Task ConnectAsync(CancellationToken cancellationToken) => _connecting ??= ConnectAllAsync(cancellationToken);

    private async Task ConnectAllAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in registrations.Distinct().OrderBy(r => r.Key is not null))
        {
            Database database;
            try
            {
                database = registration.Key is null
                    ? services.GetRequiredService<Database>()
                    : services.GetRequiredKeyedService<Database>(registration.Key);
            }
            catch (AksaraConfigurationException ex)
            {
                logger.LogCritical("The application cannot start: {Message}", ex.Message);
                throw;
            }
            _opened.Add(database);
            // The host's default database is the process default of Database.GetInstance() while the host runs (its
            // disposal at StoppedAsync unsets it); a keyed database never is. Set before connecting, so code that runs
            // with StartWithoutDatabase sees the same database as injection does.
            if (registration.Key is null)
                Database.SetDefault(database);
            try
            {
                await database.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AksaraConnectionException ex) when (options.Value.StartWithoutDatabase)
            {
                // The message carries the masked URL and the hint; /health reports the outage until the server answers.
                logger.LogWarning("Starting without the database{Key} (StartWithoutDatabase is on): {Message}",
                    registration.Key is null ? "" : $" \"{registration.Key}\"", ex.Message);
            }
            catch (AksaraConnectionException ex)
            {
                // Only a web app has a /health to report the outage on; a worker can still start without the database.
                var hint = services.GetService<IServer>() is null
                    ? "To start anyway, set Aksara:StartWithoutDatabase."
                    : "To start anyway and report the outage on /health, set Aksara:StartWithoutDatabase.";
                logger.LogCritical("The application cannot start: {Message} {Hint}", ex.Message, hint);
                throw;
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        // Requests have drained by now; closing the pools ends the server-side sessions cleanly instead of at exit.
        foreach (var database in _opened)
            await database.DisposeAsync().ConfigureAwait(false);
        _opened.Clear();
    }
}
