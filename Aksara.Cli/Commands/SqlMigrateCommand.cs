using System.CommandLine;
using Aksara.Cli.Help;

namespace Aksara.Cli.Commands;

/// <summary>
/// <c>aksara sqlmigrate NAME [--down]</c>: print one migration script, or its down script, exactly as <c>migrate</c> would
/// run it. The options live here; <see cref="SqlMigrateHandler"/> does the work.
/// </summary>
internal static class SqlMigrateCommand
{
    private static readonly CommandHelp s_help = new(
        ["aksara sqlmigrate 0002_add_customers_phone", "aksara sqlmigrate 0002 --down", "aksara sqlmigrate auth:0002"],
        ExitCodes.Help(success: "the script was printed", failure: "there is no such migration, or (--down) it has no down script",
            configuration: "an invalid setting"));

    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The migration: 0002_add_customers_phone, its file name, or just its number (0002); a module's as auth:0002_add_passkeys or auth:0002." };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var down = new Option<bool>("--down") { Description = "Print its down script (NNNN_name.down.sql), what `aksara migrate --to` runs to revert it." };
        var command = new AksaraCommand("sqlmigrate", "Print the SQL of one migration script, exactly as migrate runs it.", s_help) { name, migrationsDir, down };
        command.SetAction((parseResult, _) =>
        {
            var request = new SqlMigrateRequest(parseResult.GetRequiredValue(name), parseResult.GetValue(migrationsDir), parseResult.GetValue(down));
            return Task.FromResult(new SqlMigrateHandler(parseResult.InvocationConfiguration).Run(request));
        });
        return command;
    }
}
