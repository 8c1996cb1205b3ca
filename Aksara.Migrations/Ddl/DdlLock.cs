using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Ddl;

/// <summary>
/// The table lock a statement takes and how long it holds it, as PostgreSQL documents it for each command: what the
/// script header tells a reviewer, and how makemigrations decides which changes need a lock-safe form.
/// </summary>
internal sealed record DdlLock(string Mode, IReadOnlyList<QualifiedName> Tables, LockHold Hold)
{
    public const string AccessExclusive = "ACCESS EXCLUSIVE";
    public const string ShareUpdateExclusive = "SHARE UPDATE EXCLUSIVE";
    public const string ShareRowExclusive = "SHARE ROW EXCLUSIVE";
    public const string Share = "SHARE";
    public const string RowExclusive = "ROW EXCLUSIVE";

    /// <summary>True when the mode conflicts with the ROW EXCLUSIVE lock every INSERT, UPDATE and DELETE takes.</summary>
    public bool BlocksWrites => Mode is AccessExclusive or ShareRowExclusive or Share or "EXCLUSIVE";

    /// <summary>One line for a script header: <c>SHARE UPDATE EXCLUSIVE on orders for the build; reads and writes go on</c>.</summary>
    public string Describe()
    {
        var on = $"{Mode} on {string.Join(", ", Tables.Select(MigrationOperation.Display))}";
        if (Hold == LockHold.Instant)
            return on + ", instant";
        var during = Hold switch { LockHold.Scan => "the scan", LockHold.Build => "the build", _ => "the rewrite" };
        var effect = Mode == RowExclusive ? "writes to the rows it changes wait until it commits"
            : !BlocksWrites ? "reads and writes go on"
            : Mode == AccessExclusive ? "reads and writes wait until it ends"
            : "writes wait until it ends";
        return $"{on} for {during}; {effect}";
    }

    /// <summary>The lock <paramref name="operation"/> takes; null for one that locks no table (a new schema, extension or type).</summary>
    public static DdlLock? Of(MigrationOperation operation) => operation switch
    {
        // A type's own lock; tables using it are not locked (a new label is just not usable until it commits).
        // The adopted objects are created in the baseline, on a database that has nothing yet, or faked on one that has them.
        CreateExtension or CreateSchema or CreateEnumType or DropEnumType or AddEnumLabel or CreateAdoptedObject or DropAdoptedObject => null,
        CreateTable create => create.InlineForeignKeys.Count == 0 ? null
            : new DdlLock(ShareRowExclusive, create.InlineForeignKeys.Select(key => key.ReferencedTableName).Distinct().ToList(), LockHold.Instant),
        DropTable drop => Exclusive(drop.Table, LockHold.Instant),
        RenameTable rename => Exclusive(rename.From, LockHold.Instant),
        AddColumn add => Exclusive(add.Table,
            add.Column.Identity || VolatileDefaults.IsVolatile(add.Column.Default) ? LockHold.Rewrite
            : add is { Column.Nullable: false, Column.HasDefault: false, Placeholder: null } ? LockHold.Scan
            : LockHold.Instant),
        DropColumn drop => Exclusive(drop.Table, LockHold.Instant),
        RenameColumn rename => Exclusive(rename.Table, LockHold.Instant),
        AlterColumnType alter => Exclusive(alter.Table, SqlTypes.ChangeRewritesTable(alter.FromType, alter.ToType) ? LockHold.Rewrite : LockHold.Instant),
        AlterColumnDefault alter => Exclusive(alter.Table, LockHold.Instant),
        // Numbering existing rows reads the highest value.
        AlterColumnIdentity alter => Exclusive(alter.Table, alter.Identity ? LockHold.Scan : LockHold.Instant),
        AlterColumnNullability alter => Exclusive(alter.Table, alter.Nullable || alter.ProvenBy is not null ? LockHold.Instant : LockHold.Scan),
        FillNulls fill => new DdlLock(RowExclusive, [fill.Table], LockHold.Scan),
        AddConstraint { Constraint: ForeignKeySchema key } add =>
            new DdlLock(ShareRowExclusive, Both(add.Table, key.ReferencedTableName), add.NotValid ? LockHold.Instant : LockHold.Scan),
        AddConstraint { Constraint: CheckConstraintSchema } add => Exclusive(add.Table, add.NotValid ? LockHold.Instant : LockHold.Scan),
        AddConstraint add => Exclusive(add.Table, add.UsingIndex ? LockHold.Instant : LockHold.Build),
        ValidateConstraint validate => new DdlLock(ShareUpdateExclusive, [validate.Table], LockHold.Scan),
        DropConstraint { Constraint: IndexSchema, Concurrently: true } drop => new DdlLock(ShareUpdateExclusive, [drop.Table], LockHold.Instant),
        DropConstraint drop => Exclusive(drop.Table, LockHold.Instant),
        RenameConstraint { Constraint: IndexSchema } rename => new DdlLock(ShareUpdateExclusive, [rename.Table], LockHold.Instant),
        RenameConstraint rename => Exclusive(rename.Table, LockHold.Instant),
        CreateIndex create => new DdlLock(create.Concurrently ? ShareUpdateExclusive : Share, [create.Table], LockHold.Build),
        _ => throw new NotSupportedException($"No lock known for {operation.GetType().Name}."),
    };

    private static DdlLock Exclusive(QualifiedName table, LockHold hold) => new(AccessExclusive, [table], hold);

    private static IReadOnlyList<QualifiedName> Both(QualifiedName table, QualifiedName other) => table == other ? [table] : [table, other];
}
