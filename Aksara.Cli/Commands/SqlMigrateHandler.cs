using System.CommandLine;
using Aksara.Cli.Output;
using Aksara.Migrations;
using Aksara.Migrations.Scripts;

namespace Aksara.Cli.Commands;

/// <summary>Carries out a <see cref="SqlMigrateRequest"/>: finds the script in the migrations folder and prints it.</summary>
internal sealed class SqlMigrateHandler(InvocationConfiguration console)
{
    public int Run(SqlMigrateRequest request)
    {
        try
        {
            var (module, name) = MigrationName.Split(request.Name);
            var directory = MigrationEnvironment.Load(migrationsDir: request.MigrationsDir).Directory;
            if (module.Length > 0)
                directory = directory.ForModule(module);
            if (directory.Find(name) is not { } file)
            {
                var known = directory.ListScripts().Select(script => script.Name).ToList();
                console.Error.WriteError($"no migration {request.Name} in {directory.Path}." + (known.Count == 0 ? " The folder holds no migrations." : $" It holds: {string.Join(", ", known)}."));
                return ExitCodes.Failure;
            }
            if (!request.Down)
            {
                console.Output.Write(file.ReadContents());
                return ExitCodes.Success;
            }
            if (file.ReadDownContents() is not { } downScript)
            {
                console.Error.WriteError($"{file.Name} has no down script ({Path.GetFileName(file.DownPath)}), so it cannot be reverted.");
                return ExitCodes.Failure;
            }
            console.Output.Write(downScript);
            return ExitCodes.Success;
        }
        catch (AksaraException ex)
        {
            return ExitCodes.Report(ex, console.Error);
        }
    }
}
