using Aksara.Migrations.Diffing;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using Aksara.Models;

namespace Aksara.Tests.Migrations;

/// <summary>
/// Serial columns, spelled as the catalog shows them (<c>[Default("nextval('orders_id_seq'::regclass)")]</c>): numbered
/// by the database on insert, created with a sequence the column owns, and the same as a hand-made <c>serial</c> to the
/// differ and the drift check.
/// </summary>
public sealed class SerialColumnTests : MigrationTestBase
{
    [Table("orders")]
    public sealed class Order
    {
        [PrimaryKey(Name = "orders_pkey"), Default("nextval('orders_id_seq'::regclass)")]
        public int Id { get; set; }

        public string Code { get; set; } = "";
    }

    [Table("hits", Schema = "stats")]
    public sealed class Hit
    {
        [PrimaryKey(Name = "hits_pkey"), Default("nextval('stats.hits_id_seq'::regclass)")]
        public long Id { get; set; }

        [Default("nextval('stats.\"it''s seq\"'::regclass)")]
        public long Serial { get; set; }
    }

    private static DatabaseSchema Models() => SchemaFromModels.Build([typeof(Order), typeof(Hit)]);

    [Test]
    public void A_nextval_default_makes_the_column_database_generated_not_an_identity()
    {
        var id = ModelMetadata.For<Order>().Column("Id")!;

        Assert.That((id.IsDatabaseGenerated, id.IsIdentity, id.Sequence), Is.EqualTo((true, false, "orders_id_seq")));
        Assert.That(ModelMetadata.For<Hit>().Column("Serial")!.Sequence, Is.EqualTo("stats.\"it's seq\""));
        Assert.That(SequenceDefault.SequenceOf("nextval('a_seq')"), Is.EqualTo("a_seq"));
        Assert.That(SequenceDefault.SequenceOf("nextval('a_seq'::regclass) + 1"), Is.Null);
        Assert.That(SequenceDefault.SequenceOf("0"), Is.Null);
    }

    [Test]
    public async Task Makemigrations_creates_the_sequence_owned_by_the_column_and_inserts_are_numbered()
    {
        var migration = await MigrateToAsync(Models());

        Assert.That(migration.Script, Does.Contain("CREATE SEQUENCE orders_id_seq AS integer;")
            .And.Contain("\"id\" integer NOT NULL DEFAULT nextval('orders_id_seq'::regclass)")
            .And.Contain("ALTER SEQUENCE orders_id_seq OWNED BY \"public\".\"orders\".\"id\";")
            .And.Contain("CREATE SEQUENCE stats.\"it's seq\" AS bigint;"));
        var first = await Database.InsertAsync(new Order { Code = "a" });
        var second = await Database.InsertAsync(new Order { Code = "b" });
        Assert.That((first.Id, second.Id), Is.EqualTo((1, 2)));
        Assert.That((await Database.InsertAsync(new Hit())).Serial, Is.EqualTo(1));

        var reverted = await Runner().MigrateToAsync("zero", allowDestructive: true);
        Assert.That(reverted.Error, Is.Null);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_class WHERE relkind = 'S'"), Is.Zero, "the sequences went with their tables");
    }

    [Test]
    public async Task A_hand_made_serial_differs_in_nothing_from_the_model()
    {
        await ExecuteAsync("""
            CREATE TABLE orders (id serial PRIMARY KEY, code text NOT NULL);
            CREATE SCHEMA stats;
            CREATE TABLE stats.hits (id bigserial PRIMARY KEY, serial bigint NOT NULL);
            CREATE SEQUENCE stats."it's seq" OWNED BY stats.hits.serial;
            ALTER TABLE stats.hits ALTER COLUMN serial SET DEFAULT nextval('stats."it''s seq"');
            INSERT INTO orders (code) VALUES ('by hand');
            """);

        var live = await ReadLiveSchemaAsync();
        Assert.That(live.FindTable(new QualifiedName("public", "orders"))!.FindColumn("id")!.Default, Is.EqualTo("nextval('orders_id_seq'::regclass)"), "what inspectdb writes");
        Assert.That(new SchemaDiffer().Diff(live, Models()).Select(operation => operation.Describe()), Is.Empty);

        Generate(Models());
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty);
        Assert.That((await Database.InsertAsync(new Order { Code = "by aksara" })).Id, Is.EqualTo(2));
    }

    [Test]
    public async Task The_drift_check_wants_the_column_to_own_its_sequence()
    {
        await ExecuteAsync("""
            CREATE SEQUENCE orders_id_seq;
            CREATE TABLE orders (id integer NOT NULL DEFAULT nextval('orders_id_seq'::regclass) CONSTRAINT orders_pkey PRIMARY KEY, code text NOT NULL);
            """);
        Generate(SchemaFromModels.Build([typeof(Order)]));

        var report = await CheckDriftAsync();

        Assert.That(report.Differences.Select(difference => $"{difference.Object} {difference.Kind}"), Is.EqualTo(new[] { "id DefaultDiffers" }), string.Join("\n", report.Lines));
        Assert.That(report.Lines.Single(), Does.Contain("defaults to nextval('orders_id_seq'::regclass), of a sequence it does not own, in the database, defaults to the next value of its own sequence orders_id_seq (serial) in the snapshot"));

        await ExecuteAsync("ALTER SEQUENCE orders_id_seq OWNED BY orders.id");
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty, "owned, it is the serial the snapshot says");
        await ExecuteAsync("CREATE SEQUENCE other_seq OWNED BY orders.id; ALTER TABLE orders ALTER COLUMN id SET DEFAULT nextval('other_seq')");
        Assert.That((await CheckDriftAsync()).Lines.Single(), Does.Contain("column defaults to nextval('other_seq'::regclass), of a sequence it owns, in the database"));
    }
}
