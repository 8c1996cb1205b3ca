using System.Text.Json;

namespace Aksara.Tests.Data;

/// <summary>
/// Reads through <c>QueryAsync&lt;T&gt;(sql, new { … })</c> behave as through <c>FetchAsync&lt;T&gt;(sql, $1…)</c>,
/// NULL into a value-type member of a plain result class is the same clear error as into a value-type scalar, and a
/// jsonb value is checked for NUL on every path it can be sent by.
/// </summary>
public sealed class NamedParameterReadTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Colour
    {
        Red,
        Green,
        Blue,
    }

    private sealed class Painted
    {
        public int Id { get; set; }
        public Colour Colour { get; set; }
    }

    private sealed class Tally
    {
        public string Label { get; set; } = "";
        public int Amount { get; set; } = -1;
        public Guid Key { get; set; }
    }

    private sealed record TallyRecord(string Label, int Amount);

    private sealed class OptionalTally
    {
        public string Label { get; set; } = "";
        public int? Amount { get; set; }
    }

    public sealed class Note
    {
        public string Body { get; set; } = "";
    }

    [Table("notebooks")]
    public sealed class Notebook
    {
        [PrimaryKey] public int Id { get; set; }
        [Jsonb] public Note Note { get; set; } = new();
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 3);
        await _db.ExecuteAsync("""
            CREATE TABLE tallies (id integer PRIMARY KEY, label text NOT NULL, amount integer);
            INSERT INTO tallies VALUES (1, 'one', 1), (2, 'none', NULL);
            CREATE TABLE notebooks (id integer PRIMARY KEY, note jsonb NOT NULL);
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [Test]
    public async Task QueryAsync_reads_an_enum_scalar_by_name_like_FetchAsync()
    {
        Assert.That(await _db.QueryAsync<Colour>("SELECT @Name::text", new { Name = "Green" }), Is.EqualTo(new[] { Colour.Green }));
        Assert.That(await _db.QueryAsync<Colour?>("SELECT NULL::text"), Is.EqualTo(new Colour?[] { null }));
        Assert.That(await _db.FetchAsync<Colour>("SELECT $1::text", "Green"), Is.EqualTo(new[] { Colour.Green }));
    }

    [Test]
    public void QueryAsync_of_int_on_NULL_is_the_clear_error_of_FetchAsync()
    {
        var named = Assert.ThrowsAsync<AksaraException>(() => _db.QueryAsync<int>("SELECT amount FROM tallies WHERE id = @Id", new { Id = 2 }));
        var positional = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<int>("SELECT amount FROM tallies WHERE id = $1", 2));
        Assert.That(named!.Message, Does.StartWith("Column \"amount\" is NULL, which int cannot hold."));
        Assert.That(named.Message, Is.EqualTo(positional!.Message));
    }

    [Test]
    public void QueryAsync_names_an_unknown_enum_name_like_FetchAsync()
    {
        var named = Assert.ThrowsAsync<AksaraException>(() => _db.QueryAsync<Painted>("SELECT 1 AS id, @Name::text AS colour", new { Name = "Purple" }));
        var positional = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Painted>("SELECT 1 AS id, $1::text AS colour", "Purple"));
        Assert.That(named!.Message, Does.Contain("Column \"colour\" holds 'Purple', which is not a name of enum"));
        Assert.That(named.Message, Is.EqualTo(positional!.Message));
    }

    [Test]
    public void NULL_into_a_non_nullable_property_of_a_plain_class_names_the_column_the_member_and_the_fix()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Tally>("SELECT label, amount FROM tallies ORDER BY id"));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.StartWith("Column \"amount\" is NULL, which int cannot hold."));
            Assert.That(error.Message, Does.Contain("Tally.Amount int?"));
            Assert.That(error.Message, Does.Contain("COALESCE("));
        });
        var guid = Assert.ThrowsAsync<AksaraException>(() => _db.FetchRowAsync<Tally>("SELECT 'x' AS label, 1 AS amount, NULL::uuid AS key"));
        Assert.That(guid!.Message, Does.StartWith("Column \"key\" is NULL, which Guid cannot hold."));
        var named = Assert.ThrowsAsync<AksaraException>(() => _db.QueryAsync<Tally>("SELECT label, amount FROM tallies WHERE id = @Id", new { Id = 2 }));
        Assert.That(named!.Message, Does.StartWith("Column \"amount\" is NULL, which int cannot hold."));
    }

    [Test]
    public void NULL_into_a_non_nullable_constructor_parameter_of_a_record_is_the_same_error()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<TallyRecord>("SELECT label, amount FROM tallies ORDER BY id"));
        Assert.That(error!.Message, Does.StartWith("Column \"amount\" is NULL, which int cannot hold."));
    }

    [Test]
    public async Task Nullable_members_and_non_NULL_values_still_read()
    {
        var optional = await _db.FetchAsync<OptionalTally>("SELECT label, amount FROM tallies ORDER BY id");
        Assert.That(optional.Select(row => row.Amount), Is.EqualTo(new int?[] { 1, null }));
        var tallies = await _db.FetchAsync<Tally>("SELECT label, COALESCE(amount, 0) AS amount FROM tallies ORDER BY id");
        Assert.That(tallies.Select(row => row.Amount), Is.EqualTo(new[] { 1, 0 }));
        // A column the query does not select is not NULL: the member keeps its initial value.
        Assert.That(tallies.Select(row => row.Key), Is.All.EqualTo(Guid.Empty));
        var records = await _db.FetchAsync<TallyRecord>("SELECT label, COALESCE(amount, 7) AS amount FROM tallies ORDER BY id");
        Assert.That(records, Is.EqualTo(new[] { new TallyRecord("one", 1), new TallyRecord("none", 7) }));
    }

    [Test]
    public async Task A_jsonb_named_parameter_with_NUL_is_refused_as_InsertAsync_refuses_it()
    {
        // Using the model registers Note as a jsonb type, which named parameters of that type then follow.
        await _db.InsertAsync(new Notebook { Id = 1, Note = new Note { Body = "fine" } });
        var bad = new Note { Body = "a\0b" };
        Assert.That(() => _db.InsertAsync(new Notebook { Id = 2, Note = bad }),
            Throws.TypeOf<AksaraValueException>().With.Message.Contains("NUL character"));
        Assert.That(() => _db.ExecuteAsync("INSERT INTO notebooks (id, note) VALUES (@Id, @Note)", new { Id = 3, Note = bad }),
            Throws.TypeOf<AksaraValueException>().With.Message.Contains("NUL character"));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM notebooks"), Is.EqualTo(1L));
    }

    [Test]
    public void A_jsonb_document_with_NUL_is_refused_as_a_positional_parameter_too()
    {
        using var document = JsonDocument.Parse("""{"body": "a\u0000b"}""");
        Assert.That(() => _db.FetchValAsync<string>("SELECT $1::jsonb ->> 'body'", document),
            Throws.TypeOf<AksaraValueException>().With.Message.Contains("NUL character"));
    }
}
