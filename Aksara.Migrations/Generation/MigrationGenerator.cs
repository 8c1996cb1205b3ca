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

    /// <summary>True for a module's own project: each script records the tables it changes (<c>-- aksara:tables</c>).</summary>
    public bool RecordsTables { get; init; }

    /// <summary>
    /// The tables of the modules the application uses, each with the migration that creates it: a script with a foreign key
    /// into one says it depends on that migration (<c>-- aksara:depends-on auth:0001_initial</c>).
    /// </summary>
    public IReadOnlyDictionary<QualifiedName, string> ModuleTables { get; init; } = new Dictionary<QualifiedName, string>();

    /// <summary>
    /// The next migration for <paramref name="models"/>; <see cref="GeneratedMigration.HasChanges"/> is false when the
    /// snapshot already matches. Throws <see cref="MigrationRefusedException"/> for unsafe changes and
    /// <see cref="DuplicateMigrationNumberException"/> for a folder with two scripts of one number.
    /// </summary>
    public GeneratedMigration Generate(DatabaseSchema models, DiffOptions options, string? name = null)
    {
        var scripts = Directory.ListScripts();
        var snapshot = Directory.ReadSnapshot();
        var adopted = AdoptedObjectsFile.Read(Directory.Path);
        var change = new SchemaDiffer(options).DiffBothWays(snapshot.Schema, models);
        var rewrites = LockSafePlanner.Rewrites(change);
        if (rewrites.Count > 0 && !options.AllowRewrite)
            throw new MigrationRefusedException(rewrites.Select(rewrite => new MigrationRefusal(MigrationRefusal.TableRewrite, rewrite)).ToList());
        if (change.Up.Count == 0 && adopted.Count == 0)
            return new GeneratedMigration([], [], snapshot);

        var steps = WithAdopted(options.Unsafe ? LockSafePlanner.Blocking(change) : LockSafePlanner.Plan(change, models), adopted);
        var number = scripts.Count > 0 ? scripts[^1].Number + 1 : 1;
        var slug = name is null
            ? MigrationScriptWriter.DeriveName(change.Up, initial: snapshot.Schema.Tables.Count == 0 && scripts.Count == 0)
            : MigrationScriptWriter.Sanitize(name);
        var written = new List<GeneratedScript>();
        foreach (var step in steps)
        {
            var scriptName = MigrationFile.FormatName(number + written.Count, MigrationScriptWriter.Sanitize(slug, step.NameSuffix));
            var context = new ScriptContext(written.Count + 1, steps.Count, RewritesTable: rewrites.Count > 0, Blocking: options.Unsafe)
            {
                Tables = RecordsTables ? Modules.ModuleTables.ChangedBy(step.Up) : null,
                DependsOn = DependsOn(step),
            };
            written.Add(new GeneratedScript(scriptName, step, MigrationScriptWriter.Write(scriptName, step, context), MigrationScriptWriter.WriteDown(scriptName, step)));
        }
        var kept = snapshot.Kept.Concat(adopted.Select(item => new KeptObject(item.Kind, item.Schema, item.Name, item.Table))).Distinct().ToList();
        return new GeneratedMigration([.. change.Up, .. adopted.Select(item => new CreateAdoptedObject(item))], written,
            new SchemaSnapshot(models, written[^1].Name) { Kept = kept });
    }

    private IReadOnlyList<string> DependsOn(MigrationStep step) =>
        ModuleTables.Count == 0
            ? []
            : step.Up.SelectMany(operation => operation switch
                {
                    CreateTable create => create.InlineForeignKeys.Concat(create.Table.ForeignKeys).Select(key => key.ReferencedTableName),
                    AddConstraint { Constraint: ForeignKeySchema key } => [key.ReferencedTableName],
                    _ => [],
                })
                .Select(table => ModuleTables.GetValueOrDefault(table))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();

    /// <summary>
    /// The first script of an adopted database's baseline also creates what <c>aksara inspectdb</c> found that no model
    /// describes: what the tables may need before them, the rest after; its down drops them around the tables.
    /// </summary>
    private static IReadOnlyList<MigrationStep> WithAdopted(IReadOnlyList<MigrationStep> steps, IReadOnlyList<AdoptedObject> adopted)
    {
        if (adopted.Count == 0)
            return steps;
        var before = adopted.Where(item => item.PrecedesTables).ToList();
        var after = adopted.Where(item => !item.PrecedesTables).ToList();
        var first = steps.Count > 0 ? steps[0] : new MigrationStep(MigrationStepKind.Change, [], []);
        first = first with
        {
            Up = [.. before.Select(item => new CreateAdoptedObject(item)), .. first.Up, .. after.Select(item => new CreateAdoptedObject(item))],
            Down = [.. Enumerable.Reverse(after).Select(item => new DropAdoptedObject(item)), .. first.Down, .. Enumerable.Reverse(before).Select(item => new DropAdoptedObject(item))],
        };
        return [first, .. steps.Skip(1)];
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
    public IReadOnlyList<MigrationFile> Write(GeneratedMigration migration)
    {
        var files = Directory.Write(migration.Scripts.Select(script => (script.Name, script.Up, script.Down)).ToList(), migration.Snapshot);
        // Now in the baseline and the snapshot: the next makemigrations must not write them again.
        AdoptedObjectsFile.Delete(Directory.Path);
        return files;
    }
}
