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
        var rewrites = LockSafePlanner.Rewrites(change);
        if (rewrites.Count > 0 && !options.AllowRewrite)
            throw new MigrationRefusedException(rewrites);
        if (change.Up.Count == 0)
            return new GeneratedMigration([], [], snapshot);

        var steps = options.Unsafe ? LockSafePlanner.Blocking(change) : LockSafePlanner.Plan(change, models);
        var number = scripts.Count > 0 ? scripts[^1].Number + 1 : 1;
        var slug = name is null
            ? MigrationScriptWriter.DeriveName(change.Up, initial: snapshot.Schema.Tables.Count == 0 && scripts.Count == 0)
            : MigrationScriptWriter.Sanitize(name);
        var written = new List<GeneratedScript>();
        foreach (var step in steps)
        {
            var scriptName = MigrationFile.FormatName(number + written.Count, MigrationScriptWriter.Sanitize(slug, step.NameSuffix));
            var context = new ScriptContext(written.Count + 1, steps.Count, RewritesTable: rewrites.Count > 0, Blocking: options.Unsafe);
            written.Add(new GeneratedScript(scriptName, step, MigrationScriptWriter.Write(scriptName, step, context), MigrationScriptWriter.WriteDown(scriptName, step)));
        }
        return new GeneratedMigration(change.Up, written, new SchemaSnapshot(models, written[^1].Name));
    }

    /// <summary>
    /// For <c>--check</c>: the changes the models hold that no migration records yet, as one line each; empty when none.
    /// Changes that would be refused count as changes too.
    /// </summary>
    public IReadOnlyList<string> FindUnmigratedChanges(DatabaseSchema models)
    {
        try
        {
            var generated = Generate(models, new DiffOptions { AllowDestructive = true, AllowRewrite = true });
            return generated.Operations.Select(operation => operation.Describe()).ToList();
        }
        catch (MigrationRefusedException refused)
        {
            return refused.Reasons;
        }
    }

    /// <summary>Writes every script of <paramref name="migration"/> with its down, and the snapshot: all of them or none.</summary>
    public IReadOnlyList<MigrationFile> Write(GeneratedMigration migration) =>
        Directory.Write(migration.Scripts.Select(script => (script.Name, script.Up, script.Down)).ToList(), migration.Snapshot);
}
