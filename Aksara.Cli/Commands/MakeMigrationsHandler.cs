using System.CommandLine;
using Aksara.Migrations;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Modules;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;

namespace Aksara.Cli.Commands;

/// <summary>
/// Carries out a <see cref="MakeMigrationsRequest"/>: loads the models, then checks them against the snapshot or writes
/// the next scripts with the library's <see cref="MigrationGenerator"/>, and reports the outcome.
/// </summary>
internal sealed class MakeMigrationsHandler(InvocationConfiguration console, TextReader input, Func<bool> isTerminal)
{
    public async Task<int> RunAsync(MakeMigrationsRequest request, CancellationToken cancellationToken)
    {
        try
        {
            // The migrations folder is the app's, wherever aksara runs from (a bare .dll has no folder of its own).
            var contentRoot = AppLocator.Locate(request.App, Directory.GetCurrentDirectory()).ContentRoot;
            var environment = MigrationEnvironment.Load(migrationsDir: request.MigrationsDir, contentRoot: contentRoot);
            var progress = request.Stdout ? null : console.Output;
            var app = await AppModels.LoadAsync(request.App, Directory.GetCurrentDirectory(), environment.Options.Schema, progress, cancellationToken).ConfigureAwait(false);
            var generator = new MigrationGenerator(environment.Directory) { RecordsTables = app.ModuleName is not null, ModuleTables = app.ModuleTables };
            return request.Check ? Check(generator, app) : Write(generator, app, request);
        }
        catch (AppLoadException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ex.IsUsageError ? ExitCodes.UsageError : ExitCodes.Failure;
        }
        catch (AksaraException ex) when (ex is MigrationRefusedException or DuplicateMigrationNumberException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failure;
        }
        catch (AksaraException ex)
        {
            return ExitCodes.Report(ex, console.Error);
        }
    }

    private int Check(MigrationGenerator generator, LoadedApp app)
    {
        var changes = ModuleFolders.Pending(generator.Directory, app.Modules).Select(copy => $"{copy} is not in the migrations folder yet")
            .Concat(generator.FindUnmigratedChanges(app.Schema))
            .ToList();
        if (changes.Count == 0)
        {
            console.Output.WriteLine("No changes detected.");
            return ExitCodes.Success;
        }
        console.Output.WriteLine("The models have changes that no migration records; run `aksara makemigrations`:");
        foreach (var change in changes)
            console.Output.WriteLine("  - " + change.ReplaceLineEndings(Environment.NewLine + "    "));
        return ExitCodes.Failure;
    }

    private int Write(MigrationGenerator generator, LoadedApp app, MakeMigrationsRequest request)
    {
        var models = app.Schema;
        // The modules' migrations first: the application's new one may depend on them.
        if (!request.Stdout)
        {
            foreach (var copied in ModuleFolders.Write(generator.Directory, app.Modules))
                console.Output.WriteLine($"Took {copied}");
        }
        var interactive = !request.NoInput && isTerminal();
        var options = new DiffOptions
        {
            AllowDestructive = request.AllowDestructive,
            AllowRewrite = request.AllowRewrite,
            Unsafe = request.Unsafe,
            Renames = interactive ? new PromptingRenameResolver(input, console.Output) : NonInteractiveRenameResolver.Instance,
        };
        var migration = generator.Generate(models, options, request.Name);
        if (!migration.HasChanges)
        {
            console.Output.WriteLine("No changes detected.");
            return ExitCodes.Success;
        }
        if (request.Stdout)
        {
            console.Output.Write(string.Join(Environment.NewLine, migration.Scripts.Select(script => script.Up)));
            return ExitCodes.Success;
        }

        var files = generator.Write(migration);
        foreach (var (file, script) in files.Zip(migration.Scripts))
        {
            console.Output.WriteLine($"Created {Path.GetRelativePath(Directory.GetCurrentDirectory(), file.Path)}{(script.Step.RunsInTransaction ? "" : " (no transaction)")}:");
            foreach (var operation in script.Step.Up)
                console.Output.WriteLine($"  - {operation.Describe()}{(operation.IsDestructive ? " [destructive]" : "")}");
        }
        console.Output.WriteLine((files.Count == 1 ? $"and its down script {Path.GetFileName(files[0].DownPath)}" : "each with its down script (NNNN_name.down.sql)")
            + (migration.RevertDeletesData ? " (reverting deletes data: marked aksara:destructive)." : "."));
        if (files.Count > 1)
            console.Output.WriteLine("The change touches tables that may hold rows, so it is split to keep them writable while it runs; `aksara migrate` applies the scripts in order.");
        return ExitCodes.Success;
    }
}
