using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Generation;

/// <summary>
/// <c>makemigrations</c> without the command line: diffs the models' schema against the snapshot of a migrations
/// folder and composes the next script. No database is involved.
/// </summary>
internal sealed class MigrationGenerator(MigrationDirectory directory)
{
    public MigrationDirectory Directory { get; } = directory;

    /// <summary>
    /// The next migration for <paramref name="models"/>; <see cref="GeneratedMigration.HasChanges"/> is false when the
    /// snapshot already matches. Throws <see cref="MigrationRefusedException"/> for unsafe changes and
    /// <see cref="DuplicateMigrationNumberException"/> for a folder with two scripts of one number.
    /// </summary>
    public GeneratedMigration Generate(DatabaseSchema models, DiffOptions options, string? name = null)
    {
        var scripts = Directory.ListScripts();
        var snapshot = Directory.ReadSnapshot();
        var change = new SchemaDiffer(options).DiffBothWays(snapshot.Schema, models);
        var operations = change.Up;
        var number = scripts.Count > 0 ? scripts[^1].Number + 1 : 1;
        var slug = name is null
            ? MigrationScriptWriter.DeriveName(operations, initial: snapshot.Schema.Tables.Count == 0 && scripts.Count == 0)
            : MigrationScriptWriter.Sanitize(name);
        var fullName = MigrationFile.FormatName(number, slug);
        var script = operations.Count == 0 ? "" : MigrationScriptWriter.Write(fullName, operations);
        var down = operations.Count == 0 ? "" : MigrationScriptWriter.WriteDown(fullName, change.Down);
        return new GeneratedMigration(operations, fullName, script, change.Down, down, new SchemaSnapshot(models, fullName));
    }

    /// <summary>
    /// For <c>--check</c>: the changes the models hold that no migration records yet, as one line each; empty when none.
    /// Changes that would be refused count as changes too.
    /// </summary>
    public IReadOnlyList<string> FindUnmigratedChanges(DatabaseSchema models)
    {
        try
        {
            var generated = Generate(models, new DiffOptions { AllowDestructive = true });
            return generated.Operations.Select(operation => operation.Describe()).ToList();
        }
        catch (MigrationRefusedException refused)
        {
            return refused.Reasons;
        }
    }

    public MigrationFile Write(GeneratedMigration migration) => Directory.Write(migration.Name, migration.Script, migration.DownScript, migration.Snapshot);
}
