using Aksara.Migrations.Ddl;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Models;

namespace Aksara.Migrations.Generation;

/// <summary>
/// Turns one schema change into the scripts that apply it to tables serving traffic without blocking their writers for
/// longer than a lock wait. Tables the change creates are exempt: nobody else can hold a lock on them yet.
/// <list type="bullet">
/// <item>a new index is built, and a dropped one dropped, <c>CONCURRENTLY</c> in a script without a transaction;</item>
/// <item>a new foreign key or check is added <c>NOT VALID</c> (instant), and validated in a later script (a scan under
/// SHARE UPDATE EXCLUSIVE, which blocks no one);</item>
/// <item>a new unique constraint or primary key adopts a unique index built concurrently (<c>USING INDEX</c>);</item>
/// <item>new enum labels are added first, in a script of their own (a label cannot be used in the transaction that adds it);</item>
/// <item><c>SET NOT NULL</c> is proven first by a validated <c>CHECK (column IS NOT NULL)</c>, so it does not scan.</item>
/// </list>
/// Each script's down reverts exactly that script, so <c>migrate --to</c> may stop between them.
/// </summary>
internal static class LockSafePlanner
{
    /// <summary>The whole change as one script of plain DDL, which blocks writers while it scans or builds (<c>--unsafe</c>).</summary>
    public static IReadOnlyList<MigrationStep> Blocking(SchemaChange change)
    {
        var steps = new List<MigrationStep>();
        AddEnumLabelsStep(steps, change);
        var rest = change.Up.Where(operation => operation is not AddEnumLabel).ToList();
        if (rest.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.Change, rest, change.Down));
        return steps;
    }

    /// <summary>New enum labels go first, in a script of their own, so that the scripts after it may use them.</summary>
    private static void AddEnumLabelsStep(List<MigrationStep> steps, SchemaChange change)
    {
        var labels = change.Up.OfType<AddEnumLabel>().ToList();
        if (labels.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.AddEnumLabels, labels, []));
    }

    public static IReadOnlyList<MigrationStep> Plan(SchemaChange change, DatabaseSchema to)
    {
        var created = CreatedTables(change);
        var movedTo = change.Up.OfType<RenameTable>().ToDictionary(rename => rename.From, rename => rename.To);
        var attachedKeys = change.Up.OfType<AddConstraint>()
            .Where(add => !created.Contains(add.Table) && add.Constraint is UniqueConstraintSchema or PrimaryKeySchema)
            .Select(add => (add.Table, Columns: KeyColumns(add.Constraint)))
            .ToList();

        var instant = new List<MigrationOperation>();
        var build = new List<MigrationOperation>();
        var scans = new List<MigrationOperation>();
        var proven = new List<MigrationOperation>();
        var attach = new List<MigrationOperation>();
        var lateForeignKeys = new List<MigrationOperation>();
        var lateValidations = new List<MigrationOperation>();
        var changeDownFirst = new List<MigrationOperation>();
        var buildDown = new List<MigrationOperation>();
        var provenDown = new List<MigrationOperation>();
        var attachDown = new List<MigrationOperation>();
        var lateDown = new List<MigrationOperation>();
        // The change's own down reverts, in one place, what it would have done in one script; the inverses of the
        // operations moved to later scripts are taken out of it, as those scripts' downs revert them first.
        var movedAdds = new HashSet<(QualifiedName, string)>();
        var movedDrops = new HashSet<(QualifiedName, string)>();

        foreach (var operation in change.Up)
        {
            switch (operation)
            {
                // PostgreSQL builds no index CONCURRENTLY on a partitioned table: it stays in the change, plain.
                case CreateIndex create when !created.Contains(create.Table) && to.FindTable(create.Table)?.PartitionBy is null:
                    build.Add(create with { Concurrently = true });
                    buildDown.Insert(0, new DropConstraint(create.Table, create.Index) { Concurrently = true });
                    movedAdds.Add((create.Table, create.Index.Name));
                    break;
                case DropConstraint { Constraint: IndexSchema index } drop
                    when StillIndexable(drop, index, change, movedTo, to) && to.FindTable(movedTo.GetValueOrDefault(drop.Table, drop.Table))?.PartitionBy is null:
                    var table = movedTo.GetValueOrDefault(drop.Table, drop.Table);
                    build.Add(new DropConstraint(table, index) { Concurrently = true });
                    buildDown.Insert(0, new CreateIndex(table, index) { Concurrently = true });
                    movedDrops.Add((drop.Table, index.Name));
                    break;
                case AddConstraint { Constraint: ForeignKeySchema key } add when !created.Contains(add.Table):
                    if (attachedKeys.Contains((key.ReferencedTableName, KeyColumns(key.ReferencedColumns))))
                    {
                        // The unique key it references is attached only in the validation script.
                        lateForeignKeys.Add(add with { NotValid = true });
                        lateValidations.Add(new ValidateConstraint(add.Table, key));
                        lateDown.Insert(0, new DropConstraint(add.Table, key));
                        movedAdds.Add((add.Table, key.Name));
                    }
                    else
                    {
                        instant.Add(add with { NotValid = true });
                        scans.Add(new ValidateConstraint(add.Table, key));
                    }
                    break;
                case AddConstraint { Constraint: CheckConstraintSchema check } add when !created.Contains(add.Table):
                    instant.Add(add with { NotValid = true });
                    scans.Add(new ValidateConstraint(add.Table, check));
                    break;
                case AddConstraint { Constraint: UniqueConstraintSchema or PrimaryKeySchema } add when !created.Contains(add.Table):
                    var unique = new IndexSchema(add.Constraint.Name, KeyColumnList(add.Constraint), Unique: true);
                    build.Add(new CreateIndex(add.Table, unique) { Concurrently = true });
                    buildDown.Insert(0, new DropConstraint(add.Table, unique) { Concurrently = true });
                    attach.Add(add with { UsingIndex = true });
                    // Dropping the constraint drops its index; the build script's down expects the index.
                    attachDown.InsertRange(0, [new DropConstraint(add.Table, add.Constraint), new CreateIndex(add.Table, unique)]);
                    movedAdds.Add((add.Table, add.Constraint.Name));
                    break;
                case AlterColumnNullability { Nullable: false } alter when !created.Contains(alter.Table):
                    var notNull = new CheckConstraintSchema(ConstraintNames.Truncate($"ck_{alter.Table.Name}_{alter.Column}_not_null"), $"{DdlQuoting.Quote(alter.Column)} IS NOT NULL");
                    if (alter.BackfillWith is { } value)
                        instant.Add(new FillNulls(alter.Table, alter.Column, value));
                    instant.Add(new AddConstraint(alter.Table, notNull) { NotValid = true });
                    changeDownFirst.Add(new DropConstraint(alter.Table, notNull));
                    scans.Add(new ValidateConstraint(alter.Table, notNull));
                    proven.AddRange([alter with { BackfillWith = null, ProvenBy = notNull.Name }, new DropConstraint(alter.Table, notNull)]);
                    provenDown.InsertRange(0, [new AlterColumnNullability(alter.Table, alter.Column, Nullable: true, null), new AddConstraint(alter.Table, notNull) { NotValid = true }]);
                    break;
                case AddEnumLabel:
                    break;
                default:
                    instant.Add(operation);
                    break;
            }
        }

        var changeDown = changeDownFirst.Concat(change.Down.Where(operation => operation switch
        {
            DropConstraint drop => !movedAdds.Contains((drop.Table, drop.Constraint.Name)),
            CreateIndex create => !movedDrops.Contains((create.Table, create.Index.Name)),
            _ => true,
        }));
        var steps = new List<MigrationStep>();
        AddEnumLabelsStep(steps, change);
        if (instant.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.Change, instant, changeDown.ToList()));
        if (build.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.BuildIndexes, build, buildDown));
        var validate = scans.Concat(proven).Concat(attach).Concat(lateForeignKeys).ToList();
        if (validate.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.Validate, validate, lateDown.Concat(attachDown).Concat(provenDown).ToList()));
        if (lateValidations.Count > 0)
            steps.Add(new MigrationStep(MigrationStepKind.ValidateForeignKeys, lateValidations, []));
        return steps;
    }

    /// <summary>
    /// Why the change must rewrite a table that already holds rows (a type change PostgreSQL cannot do in place, a new
    /// column whose default is volatile or an identity), each with the way to do it without a long lock; empty when none.
    /// </summary>
    public static IReadOnlyList<string> Rewrites(SchemaChange change)
    {
        var created = CreatedTables(change);
        var reasons = new List<string>();
        foreach (var operation in change.Up)
        {
            if (operation is not (AlterColumnType or AddColumn) || DdlLock.Of(operation) is not { Hold: LockHold.Rewrite } || created.Contains(Table(operation)))
                continue;
            reasons.Add(operation switch
            {
                AlterColumnType alter =>
                    $"Changing {MigrationOperation.Display(alter.Table)}.{alter.Column} from {alter.FromType} to {alter.ToType} rewrites {MigrationOperation.Display(alter.Table)} and its indexes "
                    + "under ACCESS EXCLUSIVE: nobody can read or write the table until it ends. The safe way: add a column of the new type (nullable), "
                    + "fill it in batches, switch the code over, then drop the old column in a later migration.",
                AddColumn add =>
                    $"Adding {MigrationOperation.Display(add.Table)}.{add.Column.Name} {(add.Column.Identity ? "as an identity" : $"with the volatile default {add.Column.Default}")} "
                    + $"rewrites {MigrationOperation.Display(add.Table)} under ACCESS EXCLUSIVE to give every existing row its own value: nobody can read or write the table until it ends. "
                    + "The safe way: add it nullable without that default, set the default in a later migration (instant: it applies to new rows), "
                    + "fill the existing rows in batches, then make it NOT NULL.",
                _ => throw new InvalidOperationException(),
            });
        }
        if (reasons.Count > 0)
            reasons.Add("To write it anyway (in a maintenance window), run makemigrations with --allow-rewrite: the script is then marked aksara:rewrites-table.");
        return reasons;
    }

    private static HashSet<QualifiedName> CreatedTables(SchemaChange change) =>
        change.Up.OfType<CreateTable>().Select(create => create.Table.QualifiedName).ToHashSet();

    private static QualifiedName Table(MigrationOperation operation) => operation switch
    {
        AlterColumnType alter => alter.Table,
        AddColumn add => add.Table,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>
    /// An index dropped while its table and columns stay, and none of them is renamed: the way back rebuilds it as it
    /// was, before the change's own down has renamed anything back, so its columns and predicate must still read right.
    /// </summary>
    private static bool StillIndexable(DropConstraint drop, IndexSchema index, SchemaChange change, Dictionary<QualifiedName, QualifiedName> movedTo, DatabaseSchema to)
    {
        var name = movedTo.GetValueOrDefault(drop.Table, drop.Table);
        return to.FindTable(name) is { } table
            && index.Columns.All(column => table.FindColumn(column) is not null)
            && !change.Up.OfType<RenameColumn>().Any(rename => rename.Table == name);
    }

    private static IReadOnlyList<string> KeyColumnList(IConstraintSchema key) => key switch
    {
        UniqueConstraintSchema unique => unique.Columns,
        PrimaryKeySchema primary => primary.Columns,
        _ => throw new ArgumentOutOfRangeException(nameof(key)),
    };

    private static string KeyColumns(IConstraintSchema key) => KeyColumns(KeyColumnList(key));

    private static string KeyColumns(IReadOnlyList<string> columns) => string.Join('\0', columns.Order(StringComparer.Ordinal));
}
