using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>
/// Compares two schemas and lists the operations that turn the first into the second, in an order that applies on
/// the first try: extensions, schemas and enum types; drops of constraints and indexes; drops of tables and columns; renames;
/// new tables in foreign-key order; added columns; altered columns; new constraints and indexes; foreign keys; dropped enum types last.
/// Anything unsafe (data loss without <see cref="DiffOptions.AllowDestructive"/>, a NOT NULL column without a default
/// on an existing table, a possible rename nobody confirmed) refuses the whole diff.
/// </summary>
internal sealed class SchemaDiffer(DiffOptions options)
{
    public SchemaDiffer() : this(new DiffOptions()) { }

    public IReadOnlyList<MigrationOperation> Diff(DatabaseSchema from, DatabaseSchema to) => DiffBothWays(from, to).Up;

    /// <summary>
    /// The operations that turn <paramref name="from"/> into <paramref name="to"/>, and those that turn it back. Both come
    /// from one pairing of tables and columns, so a rename confirmed once is reverted as a rename. The way back is never
    /// refused: it may delete data (each such step is marked destructive) and cannot restore what the way there deleted.
    /// </summary>
    public SchemaChange DiffBothWays(DatabaseSchema from, DatabaseSchema to)
    {
        var refusals = new List<MigrationRefusal>();
        var match = Match(from, to, refusals);
        var up = Plan(from, to, match, reverting: false, refusals);
        var down = Plan(to, from, match.Inverted(), reverting: true, []);
        return new SchemaChange(up, down);
    }

    private SchemaMatch Match(DatabaseSchema from, DatabaseSchema to, List<MigrationRefusal> refusals)
    {
        var tables = NameMatching<TableSchema>.Match(from.Tables, to.Tables, TableRules(), options.Renames, refusals);
        var pairs = tables.Pairs
            .Select(pair => new TablePair(pair.Old, pair.New, NameMatching<ColumnSchema>.Match(
                pair.Old.Columns, pair.New.Columns, ColumnRules(pair.Old.QualifiedName, pair.New.QualifiedName), options.Renames, refusals)))
            .ToList();
        return new SchemaMatch(pairs, tables.Added, tables.Removed);
    }

    /// <summary>
    /// The operations in apply order: each phase below fills its own lists of <see cref="Phases"/>, which
    /// <see cref="Phases.InApplyOrder"/> then puts in the order the class summary gives.
    /// </summary>
    private IReadOnlyList<MigrationOperation> Plan(DatabaseSchema from, DatabaseSchema to, SchemaMatch match, bool reverting, List<MigrationRefusal> refusals)
    {
        var phases = new Phases();
        var pairs = match.Pairs.OrderBy(pair => pair.New.QualifiedName).ToList();
        var enumColumnTypes = from.EnumTypes.Concat(to.EnumTypes).Select(type => type.ColumnType).ToHashSet(StringComparer.Ordinal);
        ChangeTables(pairs, phases, reverting, refusals, enumColumnTypes);
        DropTables(match.Removed.OrderBy(table => table.QualifiedName).ToList(), phases);
        CreateTables(match.Added.OrderBy(table => table.QualifiedName).ToList(), pairs, phases, reverting);
        var enumTypes = ChangeEnumTypes(from, to, phases, reverting, refusals);
        RefuseUnsafe(phases.Destructive, reverting, refusals);

        var body = phases.InApplyOrder();
        return Preamble(from, to, body).Concat(enumTypes).Concat(body).ToList();
    }

    /// <summary>Tables in both schemas: renames, dropped, added and altered columns, and their constraints and indexes.</summary>
    private static string Describe(string? partitionBy) => partitionBy is null ? "a plain table" : $"PARTITION BY {partitionBy}";

    private void ChangeTables(IReadOnlyList<TablePair> pairs, Phases phases, bool reverting, List<MigrationRefusal> refusals, HashSet<string> enumColumnTypes)
    {
        var renames = new RenameMap(pairs);
        foreach (var pair in pairs)
        {
            var oldName = pair.Old.QualifiedName;
            var newName = pair.New.QualifiedName;
            if (pair.Old.PartitionBy != pair.New.PartitionBy)
            {
                // PostgreSQL cannot partition a table, or change its partitioning, in place.
                refusals.Add(new(MigrationRefusal.PartitioningChange, $"{MigrationOperation.Display(newName)} would change from {Describe(pair.Old.PartitionBy)} to {Describe(pair.New.PartitionBy)}, which "
                    + "PostgreSQL cannot do to an existing table. Create a new table (another [Table] name) and move the rows in a migration of your own."));
            }
            if (oldName != newName)
                phases.RenameTables.Add(new RenameTable(oldName, newName));
            foreach (var (old, @new) in pair.Columns.Pairs.Where(column => column.Old.Name != column.New.Name))
                phases.RenameColumns.Add(new RenameColumn(newName, old.Name, @new.Name));
            foreach (var column in pair.Columns.Removed)
            {
                phases.DropColumns.Add(new DropColumn(oldName, column.Name));
                phases.Destructive.Add($"Column {MigrationOperation.Display(oldName)}.{column.Name} is no longer in the models: dropping it deletes its data.");
            }
            foreach (var column in pair.Columns.Added)
                phases.AddColumns.Add(AddColumn(newName, column, reverting, refusals));
            foreach (var (old, @new) in pair.Columns.Pairs)
                phases.AlterColumns.AddRange(AlterColumn(newName, old, @new, phases.Destructive, enumColumnTypes));

            DiffConstraints(renames.Apply(pair.Old), pair.New, oldName, phases);
        }
    }

    private static AddColumn AddColumn(QualifiedName table, ColumnSchema column, bool reverting, List<MigrationRefusal> refusals)
    {
        if (column.Nullable || column.HasDefault)
            return new AddColumn(table, column);
        // Going back, a dropped NOT NULL column returns with a placeholder for the rows: its values are gone anyway.
        if (reverting)
            return new AddColumn(table, column) { Placeholder = SqlTypes.Placeholder(column.Type) };
        refusals.Add(new(MigrationRefusal.NotNullWithoutDefault, NotNullWithoutDefault(table, column)));
        return new AddColumn(table, column);
    }

    private static void DropTables(IReadOnlyList<TableSchema> dropped, Phases phases)
    {
        foreach (var table in OrderForDrop(dropped, phases.DropConstraints))
        {
            phases.DropTables.Add(new DropTable(table.QualifiedName));
            phases.Destructive.Add($"Table {MigrationOperation.Display(table.QualifiedName)} is no longer in the models: dropping it deletes its rows.");
        }
    }

    /// <summary>New tables with their indexes; foreign keys that point at a table created later are added after all of them.</summary>
    private static void CreateTables(IReadOnlyList<TableSchema> created, IReadOnlyList<TablePair> pairs, Phases phases, bool reverting)
    {
        var existing = pairs.Select(pair => pair.New.QualifiedName).ToHashSet();
        foreach (var (table, inline, deferred) in OrderForCreate(created, existing))
        {
            phases.CreateTables.Add(new CreateTable(table, inline) { Recreated = reverting });
            phases.CreateTables.AddRange(table.Indexes.Select(index => new CreateIndex(table.QualifiedName, index)));
            phases.AddForeignKeys.AddRange(deferred.Select(key => new AddConstraint(table.QualifiedName, key)));
        }
    }

    /// <summary>Throws when anything was refused, or deletes data without --allow-destructive (going back never refuses).</summary>
    private void RefuseUnsafe(List<string> destructive, bool reverting, List<MigrationRefusal> refusals)
    {
        if (destructive.Count > 0 && !options.AllowDestructive && !reverting)
        {
            refusals.Add(new(MigrationRefusal.DestructiveChange, "These changes delete data and are written only with --allow-destructive (each is then marked aksara:destructive in the script). "
                + "If a table or column was renamed instead, add [RenamedFrom(\"old_name\")] to it." + Environment.NewLine
                + string.Join(Environment.NewLine, destructive.Select(reason => "  * " + reason))));
        }
        if (refusals.Count > 0)
            throw new MigrationRefusedException(refusals);
    }

    /// <summary>
    /// New enum types and labels, which the preamble creates before any table uses them; dropped types go last, once no
    /// column uses them. PostgreSQL cannot drop or reorder labels, so a type whose old labels are not all still there, in
    /// their order, is refused; the way back leaves labels it cannot drop where they are.
    /// </summary>
    private static List<MigrationOperation> ChangeEnumTypes(DatabaseSchema from, DatabaseSchema to, Phases phases, bool reverting, List<MigrationRefusal> refusals)
    {
        var created = new List<MigrationOperation>();
        foreach (var type in to.EnumTypes)
        {
            if (from.FindEnumType(type.QualifiedName) is not { } old)
            {
                created.Add(new CreateEnumType(type));
                continue;
            }
            var kept = type.Labels.Where(label => old.Labels.Contains(label, StringComparer.Ordinal)).ToList();
            if (!kept.SequenceEqual(old.Labels, StringComparer.Ordinal))
            {
                if (!reverting)
                    refusals.Add(new(MigrationRefusal.EnumLabelsChange, LabelsRefusal(old, type)));
                continue;
            }
            for (var i = 0; i < type.Labels.Count; i++)
            {
                var label = type.Labels[i];
                if (old.Labels.Contains(label, StringComparer.Ordinal))
                    continue;
                var next = type.Labels.Skip(i + 1).FirstOrDefault(candidate => old.Labels.Contains(candidate, StringComparer.Ordinal));
                created.Add(new AddEnumLabel(type.QualifiedName, label, next, next is null ? type.Labels[i - 1] : null));
            }
        }
        phases.DropEnumTypes.AddRange(from.EnumTypes.Where(type => to.FindEnumType(type.QualifiedName) is null).Select(type => new DropEnumType(type)));
        return created;
    }

    private static string LabelsRefusal(EnumTypeSchema old, EnumTypeSchema @new)
    {
        var gone = old.Labels.Where(label => !@new.Labels.Contains(label, StringComparer.Ordinal)).ToList();
        var what = gone.Count > 0
            ? $"{string.Join(", ", gone.Select(label => $"'{label}'"))} {(gone.Count == 1 ? "is" : "are")} no longer a label"
            : "its labels are in another order";
        return $"Enum type {MigrationOperation.Display(old.QualifiedName)}: {what} (the snapshot has {string.Join(", ", old.Labels)}; the models have {string.Join(", ", @new.Labels)}). "
            + "PostgreSQL cannot drop, rename or reorder an enum label, so makemigrations does not write it. Keep the old labels in their order: "
            + "a member renamed in C# keeps its label with [PgName(\"old label\")], and a member no longer used can stay (mark it [Obsolete]). "
            + "To really remove a label, write a migration by hand (a new type, ALTER COLUMN … TYPE … USING, then DROP TYPE) and update the enum to match.";
    }

    private static IEnumerable<MigrationOperation> Preamble(DatabaseSchema from, DatabaseSchema to, IReadOnlyList<MigrationOperation> body)
    {
        var extensions = body.OfType<CreateIndex>()
            .SelectMany(create => create.Index.Columns.Select(column =>
                to.FindTable(create.Table)?.FindColumn(column) is { } found ? SqlTypes.ExtensionFor(create.Index.Method, found.Type) : null))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var schemas = to.SchemaNames
            .Except(from.SchemaNames, StringComparer.Ordinal)
            .Where(schema => schema != QualifiedName.DefaultSchema)
            .Order(StringComparer.Ordinal);
        return extensions.Select(name => (MigrationOperation)new CreateExtension(name))
            .Concat(schemas.Select(name => new CreateSchema(name)));
    }

    private IEnumerable<MigrationOperation> AlterColumn(QualifiedName table, ColumnSchema old, ColumnSchema @new, List<string> destructive, HashSet<string> enumColumnTypes)
    {
        var typeChanged = SqlTypes.Normalize(old.Type) != SqlTypes.Normalize(@new.Type);
        if (typeChanged)
        {
            var narrowing = SqlTypes.IsNarrowing(old.Type, @new.Type);
            if (narrowing)
                destructive.Add($"{MigrationOperation.Display(table)}.{@new.Name} changes type from {old.Type} to {@new.Type}, which can lose or reject existing values.");
            // The old default may not convert to the new type; it is set again after the change.
            if (old.Default is not null)
                yield return new AlterColumnDefault(table, @new.Name, null);
            yield return new AlterColumnType(table, @new.Name, old.Type, @new.Type, narrowing)
            {
                ViaText = enumColumnTypes.Contains(SqlTypes.Normalize(old.Type)) && enumColumnTypes.Contains(SqlTypes.Normalize(@new.Type)),
            };
            if (@new.Default is not null)
                yield return new AlterColumnDefault(table, @new.Name, @new.Default);
        }
        else if (old.Default != @new.Default)
        {
            yield return new AlterColumnDefault(table, @new.Name, @new.Default);
        }
        if (old.Identity != @new.Identity)
            yield return new AlterColumnIdentity(table, @new.Name, @new.Identity);
        if (old.Nullable != @new.Nullable)
            yield return new AlterColumnNullability(table, @new.Name, @new.Nullable, @new.Nullable ? null : @new.Default);
    }

    /// <summary>
    /// Constraints and indexes are matched by name; one whose name changed but whose definition did not (its derived name
    /// followed a table or column rename) is renamed rather than rebuilt.
    /// </summary>
    private static void DiffConstraints(TableSchema old, TableSchema @new, QualifiedName oldName, Phases phases)
    {
        var olds = old.ConstraintsAndIndexes.ToList();
        var news = @new.ConstraintsAndIndexes.ToList();
        var handled = new HashSet<IConstraintSchema>(ReferenceEqualityComparer.Instance);
        var table = @new.QualifiedName;

        foreach (var item in olds)
        {
            var sameName = news.FirstOrDefault(candidate => candidate.GetType() == item.GetType() && candidate.Name == item.Name);
            if (sameName is not null)
            {
                handled.Add(sameName);
                if (item.Matches(sameName))
                    continue;
                phases.DropConstraints.Add(new DropConstraint(oldName, item));
                Add(sameName);
                continue;
            }
            var renamed = news.FirstOrDefault(candidate => !handled.Contains(candidate) && candidate.GetType() == item.GetType()
                && !olds.Any(other => other.GetType() == candidate.GetType() && other.Name == candidate.Name) && item.Matches(candidate));
            if (renamed is not null)
            {
                handled.Add(renamed);
                phases.RenameConstraints.Add(new RenameConstraint(table, item, renamed.Name));
                continue;
            }
            phases.DropConstraints.Add(new DropConstraint(oldName, item));
        }
        foreach (var item in news.Where(item => !handled.Contains(item) && !olds.Any(other => other.GetType() == item.GetType() && other.Name == item.Name)))
            Add(item);

        void Add(IConstraintSchema item)
        {
            switch (item)
            {
                case IndexSchema index:
                    phases.AddConstraints.Add(new CreateIndex(table, index));
                    break;
                case ForeignKeySchema:
                    phases.AddForeignKeys.Add(new AddConstraint(table, item));
                    break;
                default:
                    phases.AddConstraints.Add(new AddConstraint(table, item));
                    break;
            }
        }
    }

    /// <summary>
    /// Tables in an order where each one's foreign-key targets exist when it is created. A cycle is broken by creating a
    /// table without the keys that point forward; those are added once every table exists.
    /// </summary>
    private static IEnumerable<(TableSchema Table, IReadOnlyList<ForeignKeySchema> Inline, IReadOnlyList<ForeignKeySchema> Deferred)> OrderForCreate(
        IReadOnlyList<TableSchema> created, HashSet<QualifiedName> existing)
    {
        var available = new HashSet<QualifiedName>(existing);
        var pending = created.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(table => table.ForeignKeys.All(key => key.ReferencedTableName == table.QualifiedName || available.Contains(key.ReferencedTableName)))
                ?? pending[0];
            pending.Remove(next);
            var ready = next.ForeignKeys.ToLookup(key => key.ReferencedTableName == next.QualifiedName || available.Contains(key.ReferencedTableName));
            available.Add(next.QualifiedName);
            yield return (next, ready[true].ToList(), ready[false].ToList());
        }
    }

    /// <summary>
    /// Dropped tables, those that reference other dropped tables first. Keys that close a cycle between them are dropped
    /// explicitly beforehand, so no <c>CASCADE</c> (which could silently take views with it) is ever needed.
    /// </summary>
    private static IEnumerable<TableSchema> OrderForDrop(IReadOnlyList<TableSchema> dropped, List<MigrationOperation> dropConstraints)
    {
        var pending = dropped.ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(table => !pending.Any(other => other != table
                && other.ForeignKeys.Any(key => key.ReferencedTableName == table.QualifiedName)));
            if (next is null)
            {
                next = pending[0];
                foreach (var other in pending.Where(other => other != next))
                {
                    foreach (var key in other.ForeignKeys.Where(key => key.ReferencedTableName == next.QualifiedName))
                        dropConstraints.Add(new DropConstraint(other.QualifiedName, key));
                }
            }
            pending.Remove(next);
            yield return next;
        }
    }

    private static string NotNullWithoutDefault(QualifiedName table, ColumnSchema column) =>
        $"Cannot add NOT NULL column {MigrationOperation.Display(table)}.{column.Name} ({column.Type}) without a default: the rows already in {MigrationOperation.Display(table)} would have no value for it. Either"
        + Environment.NewLine + "  1. give it a default, e.g. [Default(\"...\")] on the property,"
        + Environment.NewLine + "  2. make it nullable (a nullable C# type, e.g. string? or int?), or"
        + Environment.NewLine + "  3. write a data migration: add it nullable now, fill it in with a script of your own, and make it NOT NULL in a later migration.";

    private static NameMatching<TableSchema>.Rules TableRules() => new(
        Key: table => table.QualifiedName.ToString(),
        RenamedFrom: table => table.RenamedFrom is null ? null : QualifiedName.Parse(table.RenamedFrom, table.Schema).ToString(),
        SameShape: (old, @new) => ColumnShape(old).SetEquals(ColumnShape(@new)),
        Display: table => MigrationOperation.Display(table.QualifiedName),
        Refusal: (old, @new) =>
            $"Table {MigrationOperation.Display(old.QualifiedName)} was removed and {MigrationOperation.Display(@new.QualifiedName)} added with the same columns. "
            + $"If it is a rename, add [RenamedFrom(\"{old.Name}\")] to the model class of {MigrationOperation.Display(@new.QualifiedName)}; "
            + "if it is not, run `aksara makemigrations` in a terminal (without --no-input) and answer n.");

    private static NameMatching<ColumnSchema>.Rules ColumnRules(QualifiedName oldTable, QualifiedName newTable) => new(
        Key: column => column.Name,
        RenamedFrom: column => column.RenamedFrom,
        SameShape: (old, @new) => SqlTypes.Normalize(old.Type) == SqlTypes.Normalize(@new.Type),
        Display: column => $"{MigrationOperation.Display(newTable)}.{column.Name}",
        Refusal: (old, @new) =>
            $"{MigrationOperation.Display(oldTable)}.{old.Name} was removed and {MigrationOperation.Display(newTable)}.{@new.Name} added, both {@new.Type}. "
            + $"If it is a rename, add [RenamedFrom(\"{old.Name}\")] to the property mapped to {@new.Name}; "
            + "if it is not, run `aksara makemigrations` in a terminal (without --no-input) and answer n.");

    private static HashSet<(string, string)> ColumnShape(TableSchema table) =>
        table.Columns.Select(column => (column.Name, SqlTypes.Normalize(column.Type))).ToHashSet();

    /// <summary>The operations of one direction of a diff, grouped by phase, and why any of them deletes data.</summary>
    private sealed class Phases
    {
        public List<MigrationOperation> DropConstraints { get; } = [];
        public List<MigrationOperation> DropTables { get; } = [];
        public List<MigrationOperation> DropColumns { get; } = [];
        public List<MigrationOperation> RenameTables { get; } = [];
        public List<MigrationOperation> RenameColumns { get; } = [];
        public List<MigrationOperation> RenameConstraints { get; } = [];
        public List<MigrationOperation> CreateTables { get; } = [];
        public List<MigrationOperation> AddColumns { get; } = [];
        public List<MigrationOperation> AlterColumns { get; } = [];
        public List<MigrationOperation> AddConstraints { get; } = [];
        public List<MigrationOperation> AddForeignKeys { get; } = [];
        public List<MigrationOperation> DropEnumTypes { get; } = [];
        public List<string> Destructive { get; } = [];

        public List<MigrationOperation> InApplyOrder() => DropConstraints
            .Concat(DropTables).Concat(DropColumns)
            .Concat(RenameTables).Concat(RenameColumns).Concat(RenameConstraints)
            .Concat(CreateTables).Concat(AddColumns).Concat(AlterColumns)
            .Concat(AddConstraints).Concat(AddForeignKeys)
            .Concat(DropEnumTypes)
            .ToList();
    }

    private sealed record TablePair(TableSchema Old, TableSchema New, NameMatching<ColumnSchema> Columns)
    {
        public TablePair Inverted() => new(New, Old, Columns.Inverted());
    }

    private sealed record SchemaMatch(IReadOnlyList<TablePair> Pairs, IReadOnlyList<TableSchema> Added, IReadOnlyList<TableSchema> Removed)
    {
        public SchemaMatch Inverted() => new(Pairs.Select(pair => pair.Inverted()).ToList(), Removed, Added);
    }

    /// <summary>Rewrites an old table in the new names (its own, its columns', and those of the tables its keys reference).</summary>
    private sealed class RenameMap
    {
        private readonly Dictionary<QualifiedName, QualifiedName> _tables = new();
        private readonly Dictionary<QualifiedName, Dictionary<string, string>> _columns = new();

        public RenameMap(IEnumerable<TablePair> pairs)
        {
            foreach (var pair in pairs)
            {
                _tables[pair.Old.QualifiedName] = pair.New.QualifiedName;
                _columns[pair.Old.QualifiedName] = pair.Columns.Pairs.ToDictionary(column => column.Old.Name, column => column.New.Name, StringComparer.Ordinal);
            }
        }

        public TableSchema Apply(TableSchema old)
        {
            var name = _tables.GetValueOrDefault(old.QualifiedName, old.QualifiedName);
            return new TableSchema(
                name.Schema,
                name.Name,
                old.Columns.Select(column => column with { Name = Column(old.QualifiedName, column.Name) }).ToList(),
                old.PrimaryKey is null ? null : old.PrimaryKey with { Columns = Columns(old.QualifiedName, old.PrimaryKey.Columns) },
                old.UniqueConstraints.Select(unique => unique with { Columns = Columns(old.QualifiedName, unique.Columns) }).ToList(),
                old.Indexes.Select(index => index with { Columns = Columns(old.QualifiedName, index.Columns) }).ToList(),
                old.ForeignKeys.Select(key =>
                {
                    var target = _tables.GetValueOrDefault(key.ReferencedTableName, key.ReferencedTableName);
                    return key with
                    {
                        Columns = Columns(old.QualifiedName, key.Columns),
                        ReferencedSchema = target.Schema,
                        ReferencedTable = target.Name,
                        ReferencedColumns = Columns(key.ReferencedTableName, key.ReferencedColumns),
                    };
                }).ToList(),
                old.Checks);
        }

        private string Column(QualifiedName table, string column) =>
            _columns.TryGetValue(table, out var map) && map.TryGetValue(column, out var renamed) ? renamed : column;

        private IReadOnlyList<string> Columns(QualifiedName table, IReadOnlyList<string> columns) =>
            columns.Select(column => Column(table, column)).ToList();
    }
}
