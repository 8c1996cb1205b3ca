namespace Aksara.Tests.Data;

/// <summary>NULL read as a one-column scalar, and into properties, of value types that cannot hold it.</summary>
public sealed class NullScalarTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Colour
    {
        Red,
        Green,
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 3);
        await _db.ExecuteAsync("""
            CREATE TABLE tallies (id integer PRIMARY KEY, label text NOT NULL, amount integer);
            INSERT INTO tallies VALUES (1, 'one', 1), (2, 'none', NULL), (3, 'three', 3);
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [Test]
    public async Task FetchAsync_of_int_on_NULL_names_the_column_the_type_and_the_fix()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<int>("SELECT amount FROM tallies ORDER BY id"));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("Column \"amount\" is NULL"));
            Assert.That(error.Message, Does.Contain("int cannot hold"));
            Assert.That(error.Message, Does.Contain("Read it as int?").And.Contain("FetchAsync<int?>"));
            Assert.That(error.Message, Does.Contain("COALESCE("));
            Assert.That(error.InnerException, Is.Not.Null, "the original failure stays attached");
        });
    }

    [Test]
    public void FetchRowAsync_of_int_on_NULL_is_the_same_clear_error()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchRowAsync<int>("SELECT NULL::int AS total"));
        Assert.That(error!.Message, Does.StartWith("Column \"total\" is NULL, which int cannot hold."));
    }

    [TestCase("SELECT NULL::uuid", "Guid")]
    [TestCase("SELECT NULL::timestamptz", "DateTimeOffset")]
    [TestCase("SELECT NULL::bigint", "long")]
    [TestCase("SELECT NULL::boolean", "bool")]
    [TestCase("SELECT NULL::numeric", "decimal")]
    [TestCase("SELECT NULL::float8", "double")]
    [TestCase("SELECT NULL::date", "DateOnly")]
    [TestCase("SELECT NULL::text", "NullScalarTests.Colour")]
    public void Other_value_types_on_NULL_name_their_type(string sql, string typeName)
    {
        var error = typeName switch
        {
            "Guid" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Guid>(sql)),
            "DateTimeOffset" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<DateTimeOffset>(sql)),
            "long" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<long>(sql)),
            "bool" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<bool>(sql)),
            "decimal" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<decimal>(sql)),
            "double" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<double>(sql)),
            "DateOnly" => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<DateOnly>(sql)),
            _ => Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour>(sql)),
        };
        Assert.That(error!.Message, Does.Contain($"is NULL, which {typeName} cannot hold. Read it as {typeName}?"));
    }

    [Test]
    public async Task Nullable_targets_still_read_NULL_as_null()
    {
        Assert.That(await _db.FetchAsync<int?>("SELECT amount FROM tallies ORDER BY id"), Is.EqualTo(new int?[] { 1, null, 3 }));
        Assert.That(await _db.FetchRowAsync<int?>("SELECT NULL::int"), Is.Null);
        Assert.That(await _db.FetchAsync<Guid?>("SELECT NULL::uuid"), Is.EqualTo(new Guid?[] { null }));
        // DateTimeOffset has a type handler, which Dapper hands DBNull rather than null.
        Assert.That(await _db.FetchAsync<DateTimeOffset?>("SELECT NULL::timestamptz"), Is.EqualTo(new DateTimeOffset?[] { null }));
        Assert.That(await _db.FetchRowAsync<DateTimeOffset?>("SELECT max(now()) WHERE false"), Is.Null);
        Assert.That(await _db.FetchAsync<string>("SELECT NULL::text"), Is.EqualTo(new string?[] { null }));
        Assert.That(await _db.FetchAsync<Colour?>("SELECT NULL::text"), Is.EqualTo(new Colour?[] { null }));
    }

    [Test]
    public async Task Non_NULL_values_still_read_as_before()
    {
        Assert.That(await _db.FetchAsync<int>("SELECT COALESCE(amount, 0) FROM tallies ORDER BY id"), Is.EqualTo(new[] { 1, 0, 3 }));
        Assert.That(await _db.FetchRowAsync<long>("SELECT 42::bigint"), Is.EqualTo(42L));
        var key = Guid.NewGuid();
        Assert.That(await _db.FetchAsync<Guid>("SELECT $1::uuid", key), Is.EqualTo(new[] { key }));
        var at = new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);
        Assert.That(await _db.FetchAsync<DateTimeOffset?>("SELECT $1::timestamptz", at), Is.EqualTo(new DateTimeOffset?[] { at }));
        Assert.That(await _db.FetchAsync<DateTimeOffset>("SELECT $1::timestamptz", at), Is.EqualTo(new[] { at }));
    }

    [Test]
    public async Task No_row_still_gives_default_and_FetchValAsync_still_reads_NULL_as_default()
    {
        Assert.That(await _db.FetchRowAsync<int>("SELECT amount FROM tallies WHERE id = -1"), Is.Zero);
        Assert.That(await _db.FetchAsync<int>("SELECT amount FROM tallies WHERE id = -1"), Is.Empty);
        Assert.That(await _db.FetchValAsync<int>("SELECT NULL::int"), Is.Zero);
        Assert.That(await _db.FetchValAsync<Guid>("SELECT NULL::uuid"), Is.EqualTo(Guid.Empty));
    }

    [Test]
    public async Task The_clear_error_also_comes_from_inside_a_transaction()
    {
        await using var tx = await _db.BeginTransactionAsync();
        var error = Assert.ThrowsAsync<AksaraException>(() => tx.FetchAsync<int>("SELECT amount FROM tallies WHERE id = 2"));
        Assert.That(error!.Message, Does.Contain("Column \"amount\" is NULL"));
    }
}
