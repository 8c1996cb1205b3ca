using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>[Table(PartitionBy = …)]</c>: makemigrations creates a partitioned table, builds its indexes without CONCURRENTLY
/// (which PostgreSQL refuses there), the drift check compares the partitioning, and changing it is refused.
/// </summary>
public sealed class PartitionedTableTests : MigrationTestBase
{
    [Table("readings", PartitionBy = "RANGE (taken_at)")]
    public sealed class Reading
    {
        [PrimaryKey(Order = 0)] public long ReadingId { get; set; }
        [PrimaryKey(Order = 1)] public DateTimeOffset TakenAt { get; set; }
        public double Value { get; set; }
    }

    [Table("readings", PartitionBy = "RANGE (taken_at)")]
    [Index(nameof(Value))]
    public sealed class IndexedReading
    {
        [PrimaryKey(Order = 0)] public long ReadingId { get; set; }
        [PrimaryKey(Order = 1)] public DateTimeOffset TakenAt { get; set; }
        public double Value { get; set; }
    }

    [Table("readings", PartitionBy = "HASH (reading_id)")]
    public sealed class HashedReading
    {
        [PrimaryKey(Order = 0)] public long ReadingId { get; set; }
        [PrimaryKey(Order = 1)] public DateTimeOffset TakenAt { get; set; }
        public double Value { get; set; }
    }

    [Test]
    public async Task A_partitioned_table_is_created_indexed_checked_and_its_partitioning_kept()
    {
        var created = await MigrateToAsync(SchemaFromModels.Build([typeof(Reading)]));
        Assert.That(created.Scripts[0].Up, Does.Contain(") PARTITION BY RANGE (taken_at);"));
        Assert.That(await ScalarAsync<string>("SELECT pg_get_partkeydef('readings'::regclass)"), Is.EqualTo("RANGE (taken_at)"));
        await ExecuteAsync("CREATE TABLE readings_2026 PARTITION OF readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
        await Database.InsertAsync(new Reading { ReadingId = 1, TakenAt = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), Value = 1.5 });

        var indexed = await MigrateToAsync(SchemaFromModels.Build([typeof(IndexedReading)]));
        Assert.That(indexed.Scripts.Select(script => script.Up), Has.Some.Contains("CREATE INDEX \"ix_readings_value\"").And.None.Contains("CONCURRENTLY"));
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty);

        await ExecuteAsync("ALTER TABLE readings DETACH PARTITION readings_2026; DROP TABLE readings; CREATE TABLE readings (reading_id bigint, taken_at timestamptz, value double precision NOT NULL, PRIMARY KEY (reading_id, taken_at)); CREATE INDEX ix_readings_value ON readings (value)");
        Assert.That((await CheckDriftAsync()).Lines, Has.One.Contains("table is not partitioned in the database, partitioned by RANGE (taken_at) in the snapshot"));

        var refused = Assert.Throws<MigrationRefusedException>(() => Generate(SchemaFromModels.Build([typeof(HashedReading)])));
        Assert.That(refused!.Message, Does.Contain("readings would change from PARTITION BY RANGE (taken_at) to PARTITION BY HASH (reading_id)"));
    }
}
