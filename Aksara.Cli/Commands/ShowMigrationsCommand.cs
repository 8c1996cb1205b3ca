using System.CommandLine;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara showmigrations</c>: every migration and whether it is applied (the same as <c>aksara migrate --list</c>).
/// The options live here; <see cref="ShowMigrationsHandler"/> does the work.
/// </summary>
internal static class ShowMigrationsCommand
{
    public static Command Create()
    {
        var databaseUrl = new Option<string>("--database-url") { Description = "The database to inspect [DATABASE_URL].", HelpName = "URL" };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print JSON for machines." };
        var command = new Command("showmigrations", "List the migrations: [X] applied, [ ] pending, [!] modified after it was applied, [?] applied but missing.")
        {
            databaseUrl, migrationsDir, json,
        };
        command.SetAction((parseResult, cancellationToken) =>
        {
            var request = new ShowMigrationsRequest(parseResult.GetValue(databaseUrl), parseResult.GetValue(migrationsDir), parseResult.GetValue(json));
            return new ShowMigrationsHandler(parseResult.InvocationConfiguration).RunAsync(request, cancellationToken);
        });
        return command;
    }
}
