using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Aksara.Tests.Diagnostics;

/// <summary>
/// <c>AddAksaraInstrumentation()</c> with OpenTelemetry's in-memory exporter: a span per CRUD call, typed query and COPY,
/// each the parent of Npgsql's statement span, with the database semantic conventions' attributes; failed statements
/// counted by SQLSTATE and pool exhaustions counted. Other tests run in parallel, so only this database's telemetry is
/// looked at (its own table, <c>db.namespace</c>).
/// </summary>
public sealed class TelemetryTests : DatabaseTestBase
{
    [Table("telemetry_gadgets")]
    public sealed class Gadget
    {
        [PrimaryKey] public int GadgetId { get; set; }
        [Unique] public string Name { get; set; } = "";
    }

    [OneTimeSetUp]
    public async Task CreateTableAsync()
    {
        await using var command = DataSource.CreateCommand("CREATE TABLE telemetry_gadgets (gadget_id int PRIMARY KEY, name text NOT NULL UNIQUE)");
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Each_model_operation_is_a_span_around_Npgsqls_and_failures_are_counted_by_SQLSTATE()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        List<(string?, string?, long)> failed;
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddAksaraInstrumentation().AddNpgsql().AddInMemoryExporter(spans).Build())
        using (var meters = Sdk.CreateMeterProviderBuilder().AddAksaraInstrumentation().AddInMemoryExporter(metrics).Build())
        {
            await using var db = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 2);
            await db.InsertAsync(new Gadget { GadgetId = 1, Name = "o'brien; DROP TABLE telemetry_gadgets" });
            await db.InsertManyAsync([new Gadget { GadgetId = 2, Name = "b" }, new Gadget { GadgetId = 3, Name = "c" }]);
            Assert.That(await db.Table<Gadget>().Where(gadget => gadget.GadgetId > 1).ToListAsync(), Has.Count.EqualTo(2));
            Assert.ThrowsAsync<UniqueViolationException>(() => db.InsertAsync(new Gadget { GadgetId = 4, Name = "b" }));
            Assert.ThrowsAsync<PostgresException>(() => db.ExecuteAsync("SELECT * FROM no_such_table"));
            // Read while the provider lives: disposing it exports (and so lists) every point once more.
            meters.ForceFlush();
            failed = MetricPoints.Of(metrics, "aksara.db.client.failed_statements", DatabaseName)
                .Select(point => (MetricPoints.Tag(point, "db.response.status_code"), MetricPoints.Tag(point, "aksara.db.sqlstate_class"), point.GetSumLong())).Order().ToList();
        }

        var ours = spans.Where(span => span.Source.Name == AksaraInstrumentation.ActivitySourceName && (string?)span.GetTagItem("db.collection.name") == "telemetry_gadgets").ToList();
        Assert.That(ours.Select(span => span.DisplayName), Is.EqualTo(new[] { "insert telemetry_gadgets", "copy telemetry_gadgets", "select telemetry_gadgets", "insert telemetry_gadgets" }));
        var first = ours[0];
        Assert.Multiple(() =>
        {
            Assert.That(first.GetTagItem("db.system.name"), Is.EqualTo("postgresql"));
            Assert.That(first.GetTagItem("db.operation.name"), Is.EqualTo("insert"));
            Assert.That(first.GetTagItem("db.namespace"), Is.EqualTo(DatabaseName));
            Assert.That(first.GetTagItem("aksara.model"), Is.EqualTo(typeof(Gadget).FullName));
            Assert.That(first.Status, Is.EqualTo(ActivityStatusCode.Unset));
            Assert.That(spans.Where(span => span.Source.Name == "Npgsql" && span.ParentSpanId == first.SpanId), Is.Not.Empty, "Npgsql's statement span is a child of Aksara's");
            Assert.That(ours[3].Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(ours[3].GetTagItem("db.response.status_code"), Is.EqualTo("23505"));
        });

        Assert.That(failed, Is.EqualTo(new (string?, string?, long)[] { ("23505", "23", 1L), ("42P01", "42", 1L) }));
    }

    [Test]
    public async Task A_pool_that_stays_busy_counts_an_exhaustion()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddAksaraInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var db = new Database(new AksaraOptions { DatabaseUrl = DatabaseUrl, PoolMinSize = 0, PoolMaxSize = 1, ConnectionTimeoutSeconds = 1 });

        await using (var session = await db.OpenSessionAsync())
        {
            await session.FetchValAsync<int>("SELECT 1");
            var error = Assert.ThrowsAsync<AksaraConnectionException>(() => db.FetchValAsync<int>("SELECT 2"));
            Assert.That(error!.Failure, Is.EqualTo(ConnectionFailure.PoolExhausted));
        }
        meters.ForceFlush();

        Assert.That(MetricPoints.Of(metrics, "aksara.db.client.pool_exhaustions", DatabaseName).Sum(point => point.GetSumLong()), Is.EqualTo(1L));
    }
}
