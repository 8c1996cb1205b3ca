using Aksara.Benchmarks;
using Aksara.Benchmarks.Http;

namespace Aksara.Tests.Benchmarks;

/// <summary>
/// TechEmpower's ids repeat within an /updates request; every variant must then do the same work: one SELECT per
/// requested row, and each id ends with the number given last for it. The per-row variants (EF Core, Aksara's CRUD API)
/// send one UPDATE per requested row, as TechEmpower counts them; the bulk variants send one statement. A row trigger
/// counts the row updates PostgreSQL really performs.
/// </summary>
[NonParallelizable]
public sealed class WorldStoreUpdateTests : DatabaseTestBase
{
    // 7 three times and 3 twice, out of key order: the last number for 7 is 30, for 3 it is 50.
    private static readonly int[] Ids = [7, 3, 7, 9, 3, 7];
    private static readonly int[] Numbers = [10, 40, 20, 60, 50, 30];

    private Database _db = null!;
    private HttpVariants _variants = null!;

    [OneTimeSetUp]
    public async Task SeedAsync()
    {
        await BenchmarkSeeder.SeedAsync(DatabaseUrl);
        await ExecuteAsync("""
            CREATE TABLE world_updates (id integer NOT NULL, randomnumber integer NOT NULL);
            CREATE FUNCTION log_world_update() RETURNS trigger LANGUAGE plpgsql AS
              $$ BEGIN INSERT INTO world_updates VALUES (NEW.id, NEW.randomnumber); RETURN NEW; END $$;
            CREATE TRIGGER world_updated AFTER UPDATE ON world FOR EACH ROW EXECUTE FUNCTION log_world_update();
            """);
        _db = new Database(new AksaraOptions { DatabaseUrl = DatabaseUrl, PoolMinSize = 0, PoolMaxSize = 4 });
        _variants = new HttpVariants(ConnectionString, _db);
    }

    [OneTimeTearDown]
    public async Task DisposeVariantsAsync()
    {
        await _variants.DisposeAsync();
        await _db.DisposeAsync();
    }

    public static IEnumerable<string> Variants => ["/raw", "/dapper", "/ef", "/aksara-raw", "/aksara"];

    [TestCaseSource(nameof(Variants))]
    public async Task The_last_number_given_for_a_repeated_id_wins(string variant)
    {
        await ResetAsync();

        var worlds = await _variants.Stores[variant].UpdateWorldsAsync(Ids, Numbers);

        Assert.That(worlds.Select(world => (world.Id, world.RandomNumber)), Is.EqualTo(Ids.Zip(Numbers)), "the response lists every requested row with its new number");
        Assert.That(await NumberOfAsync(7), Is.EqualTo(30));
        Assert.That(await NumberOfAsync(3), Is.EqualTo(50));
        Assert.That(await NumberOfAsync(9), Is.EqualTo(60));
    }

    [TestCase("/ef")]
    [TestCase("/aksara")]
    public async Task A_per_row_variant_updates_once_per_requested_row(string variant)
    {
        await ResetAsync();

        await _variants.Stores[variant].UpdateWorldsAsync(Ids, Numbers);

        Assert.That(await CountAsync("SELECT count(*) FROM world_updates"), Is.EqualTo(Ids.Length));
    }

    [TestCase("/raw")]
    [TestCase("/dapper")]
    [TestCase("/aksara-raw")]
    public async Task A_bulk_variant_updates_each_distinct_row_once(string variant)
    {
        await ResetAsync();

        await _variants.Stores[variant].UpdateWorldsAsync(Ids, Numbers);

        Assert.That(await CountAsync("SELECT count(*) FROM world_updates"), Is.EqualTo(Ids.Distinct().Count()));
    }

    private async Task ResetAsync()
    {
        await ExecuteAsync("UPDATE world SET randomnumber = 1 WHERE id IN (3, 7, 9); TRUNCATE world_updates;");
    }

    private Task<long> NumberOfAsync(int id) => CountAsync($"SELECT randomnumber FROM world WHERE id = {id}");

    private async Task<long> CountAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
