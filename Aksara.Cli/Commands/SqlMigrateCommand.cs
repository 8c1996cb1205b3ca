using System.CommandLine;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara sqlmigrate NAME [--down]</c>: print one migration script, or its down script, exactly as <c>migrate</c> would
/// run it. The options live here; <see cref="SqlMigrateHandler"/> does the work.
/// </summary>
internal static class SqlMigrateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The migration: 0002_add_customers_phone, its file name, or just its number (0002); a module's as auth:0002_add_passkeys or auth:0002." };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var down = new Option<bool>("--down") { Description = "Print its down script (NNNN_name.down.sql), what `aksara migrate --to` runs to revert it." };
        var command = new Command("sqlmigrate", "Print the SQL of one migration script, exactly as migrate runs it.") { name, migrationsDir, down };
        command.SetAction((parseResult, _) =>
        {
            var request = new SqlMigrateRequest(parseResult.GetRequiredValue(name), parseResult.GetValue(migrationsDir), parseResult.GetValue(down));
            return Task.FromResult(new SqlMigrateHandler(parseResult.InvocationConfiguration).Run(request));
        });
        return command;
    }
}
