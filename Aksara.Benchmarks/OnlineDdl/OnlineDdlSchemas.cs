using Aksara.Migrations.Schema;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>
/// The model before and after the change the benchmark migrates: <c>bench_orders</c> gains an index, a foreign key, a
/// check, a unique constraint and a NOT NULL at once, the five kinds of change that lock a table that holds rows.
/// The tables live in a schema of their own, so that a reset (<c>DROP SCHEMA … CASCADE</c>) touches nothing else.
/// </summary>
public static class OnlineDdlSchemas
{
    public const string Schema = "online_ddl";
    public const string Orders = "bench_orders";
    public const string Customers = "bench_customers";

    public const string CustomerIndex = "ix_bench_orders_customer_id";
    public const string CustomerForeignKey = "fk_bench_orders_customer_id";
    public const string AmountCheck = "ck_bench_orders_amount_positive";
    public const string CodeUnique = "uq_bench_orders_code";

    /// <summary>The name the generated scripts carry, so that the benchmark's journal rows are told apart from anyone else's.</summary>
    public const string MigrationName = "online_ddl_bench";

    public static string QualifiedOrders => $"{Schema}.{Orders}";

    public static string QualifiedCustomers => $"{Schema}.{Customers}";

    /// <summary>The names the change adds to <c>bench_orders</c>: what the final schema must hold.</summary>
    public static IReadOnlyList<string> AddedObjects { get; } = [CustomerIndex, CustomerForeignKey, AmountCheck, CodeUnique];

    internal static DatabaseSchema Before { get; } = new([CustomersTable(), OrdersTable(noteNullable: true)]);

    internal static DatabaseSchema After { get; } = new([
        CustomersTable(),
        OrdersTable(noteNullable: false) with
        {
            Indexes = [new IndexSchema(CustomerIndex, ["customer_id"])],
            ForeignKeys = [new ForeignKeySchema(CustomerForeignKey, ["customer_id"], Schema, Customers, ["id"], OnDelete.NoAction)],
            Checks = [new CheckConstraintSchema(AmountCheck, "amount > 0")],
            UniqueConstraints = [new UniqueConstraintSchema(CodeUnique, ["code"])],
        },
    ]);

    private static TableSchema CustomersTable() => new(Schema, Customers,
        [new ColumnSchema("id", "bigint", Nullable: false) { Identity = true }, new ColumnSchema("name", "text", Nullable: false)],
        new PrimaryKeySchema($"pk_{Customers}", ["id"]));

    // note is filled in every row, but nullable: the change makes it NOT NULL, which PostgreSQL must prove by a scan.
    private static TableSchema OrdersTable(bool noteNullable) => new(Schema, Orders,
        [
            new ColumnSchema("id", "bigint", Nullable: false) { Identity = true },
            new ColumnSchema("customer_id", "bigint", Nullable: true),
            new ColumnSchema("amount", "integer", Nullable: false),
            new ColumnSchema("code", "text", Nullable: false),
            new ColumnSchema("note", "text", Nullable: noteNullable),
        ],
        new PrimaryKeySchema($"pk_{Orders}", ["id"]));
}
