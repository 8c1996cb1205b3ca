using System.CommandLine;
using Aksara.Migrations;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara sqlmigrate NAME [--down]</c>: print one migration script, or its down script, exactly as <c>migrate</c> would run it.</summary>
internal static class SqlMigrateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("NAME") { Description = "The migration: 0002_add_customers_phone, its file name, or just its number (0002)." };
        var migrationsDir = new Option<string>("--migrations-dir", "--dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else ./migrations].", HelpName = "DIR" };
        var down = new Option<bool>("--down") { Description = "Print its down script (NNNN_name.down.sql), what `aksara migrate --to` runs to revert it." };
        var command = new Command("sqlmigrate", "Print the SQL of one migration script, exactly as migrate runs it.") { name, migrationsDir, down };
        command.SetAction((parseResult, _) =>
        {
            var console = parseResult.InvocationConfiguration;
            try
            {
                var directory = MigrationEnvironment.Load(migrationsDir: parseResult.GetValue(migrationsDir)).Directory;
                var wanted = parseResult.GetRequiredValue(name);
                if (directory.Find(wanted) is not { } file)
                {
                    var known = directory.ListScripts().Select(script => script.Name).ToList();
                    console.Error.WriteLine($"error: no migration {wanted} in {directory.Path}." + (known.Count == 0 ? " The folder holds no migrations." : $" It holds: {string.Join(", ", known)}."));
                    return Task.FromResult(ExitCodes.Failure);
                }
                if (!parseResult.GetValue(down))
                {
                    console.Output.Write(file.ReadContents());
                    return Task.FromResult(ExitCodes.Success);
                }
                if (file.ReadDownContents() is not { } downScript)
                {
                    console.Error.WriteLine($"error: {file.Name} has no down script ({Path.GetFileName(file.DownPath)}), so it cannot be reverted.");
                    return Task.FromResult(ExitCodes.Failure);
                }
                console.Output.Write(downScript);
                return Task.FromResult(ExitCodes.Success);
            }
            catch (AksaraException ex)
            {
                return Task.FromResult(ExitCodes.Report(ex, console.Error));
            }
        });
        return command;
    }
}
