using System.CommandLine;
using Aksara.Migrations;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Generation;
using Aksara.Migrations.Loading;
using Aksara.Migrations.Scripts;

namespace Aksara.Cli.Commands;

/// <summary><c>aksara makemigrations</c>: diff the application's models against the snapshot and write the next script.</summary>
internal static class MakeMigrationsCommand
{
    public static Command Create() => Create(Console.In, () => !Console.IsInputRedirected);

    /// <param name="input">Where rename questions are answered.</param>
    /// <param name="isTerminal">Whether <paramref name="input"/> is a person at a terminal; tests say no, or script the answers.</param>
    internal static Command Create(TextReader input, Func<bool> isTerminal)
    {
        var app = new Option<string>("--app") { Description = "The application: its .csproj (built first), a folder holding one, or its compiled .dll [the .csproj in this folder].", HelpName = "PATH" };
        var name = new Option<string>("--name", "-n") { Description = "Name of the script, after its number [derived from the changes, e.g. add_customers_phone]." };
        var output = new Option<string>("--output", "-o", "--migrations-dir") { Description = "The migrations folder [AKSARA_MIGRATIONS_DIR, else migrations; relative to the app's folder].", HelpName = "DIR" };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the models have changes no migration records (for CI; no database needed)." };
        var stdout = new Option<bool>("--stdout") { Description = "Print the script instead of writing it (the snapshot is not updated either)." };
        var allowDestructive = new Option<bool>("--allow-destructive") { Description = "Also write drops of tables and columns and narrowing type changes (each marked aksara:destructive)." };
        var allowRewrite = new Option<bool>("--allow-rewrite") { Description = "Also write changes that rewrite a table holding rows under ACCESS EXCLUSIVE (most type changes, a volatile default on a new column); the script is marked aksara:rewrites-table." };
        var @unsafe = new Option<bool>("--unsafe") { Description = "Write plain DDL in one script, which blocks writers while it scans or builds, instead of the lock-safe scripts for a live database (for a maintenance window)." };
        var noInput = new Option<bool>("--no-input") { Description = "Never ask: a possible rename without [RenamedFrom] fails instead of prompting." };

        var command = new Command("makemigrations", "Write the next migration script from the changes to the models since the last one.")
        {
            app, name, output, check, stdout, allowDestructive, allowRewrite, @unsafe, noInput,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var console = parseResult.InvocationConfiguration;
            try
            {
                // The migrations folder is the app's, wherever aksara runs from (a bare .dll has no folder of its own).
                var contentRoot = AppLocator.Locate(parseResult.GetValue(app), Directory.GetCurrentDirectory()).ContentRoot;
                var environment = MigrationEnvironment.Load(migrationsDir: parseResult.GetValue(output), contentRoot: contentRoot);
                var generator = new MigrationGenerator(environment.Directory);
                var progress = parseResult.GetValue(stdout) ? null : console.Output;
                var models = await AppModels.LoadSchemaAsync(parseResult.GetValue(app), Directory.GetCurrentDirectory(), progress, cancellationToken).ConfigureAwait(false);

                if (parseResult.GetValue(check))
                {
                    var changes = generator.FindUnmigratedChanges(models);
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

                var interactive = !parseResult.GetValue(noInput) && isTerminal();
                var options = new DiffOptions
                {
                    AllowDestructive = parseResult.GetValue(allowDestructive),
                    AllowRewrite = parseResult.GetValue(allowRewrite),
                    Unsafe = parseResult.GetValue(@unsafe),
                    Renames = interactive ? new PromptingRenameResolver(input, console.Output) : NonInteractiveRenameResolver.Instance,
                };
                var migration = generator.Generate(models, options, parseResult.GetValue(name));
                if (!migration.HasChanges)
                {
                    console.Output.WriteLine("No changes detected.");
                    return ExitCodes.Success;
                }
                if (parseResult.GetValue(stdout))
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
        });
        return command;
    }
}
