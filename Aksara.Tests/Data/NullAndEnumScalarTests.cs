using System.Text.Json;

namespace Aksara.Tests.Data;

/// <summary>
/// NULL read as an array, a list or a jsonb-mapped type (as a one-column scalar and into properties), and text read
/// as an enum scalar by name.
/// </summary>
public sealed class NullAndEnumScalarTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Colour
    {
        Red,
        Green,
        Blue,
    }

    /// <summary>Used only as a one-column result, never as a property: nothing registers it beforehand.</summary>
    public enum Weekday
    {
        Monday,
        Tuesday,
    }

    public sealed class Address
    {
        public string Street { get; set; } = "";
        public List<string> Lines { get; set; } = [];
    }

    /// <summary>A result class (not a model) of a raw query.</summary>
    private sealed class Shapes
    {
        public int Id { get; set; }
        public int[]? Numbers { get; set; }
        public List<string>? Names { get; set; }
        public Colour[]? Colours { get; set; }
        public List<Colour>? ColourList { get; set; }
        [Jsonb] public Address? Home { get; set; }
        [Jsonb] public List<Address>? History { get; set; }
        [Jsonb] public List<string>? JsonNames { get; set; }
        public Dictionary<string, int>? Scores { get; set; }
        public JsonDocument? Document { get; set; }
        public Colour? Favourite { get; set; }
    }

    /// <summary>A positional record: Dapper fills it through its constructor.</summary>
    private sealed record ShapeRecord(int Id, int[]? Numbers, List<string>? Names, Colour? Favourite);

    /// <summary>The same columns as a model, read through its metadata (and by CRUD).</summary>
    [Table("shapes")]
    public sealed class ShapeModel
    {
        [PrimaryKey] public int Id { get; set; }
        public int[]? Numbers { get; set; }
        public List<string>? Names { get; set; }
        public Colour[]? Colours { get; set; }
        public List<Colour>? ColourList { get; set; }
        [Jsonb] public Address? Home { get; set; }
        [Jsonb] public List<Address>? History { get; set; }
        [Jsonb] public List<string>? JsonNames { get; set; }
        public Dictionary<string, int>? Scores { get; set; }
        public JsonDocument? Document { get; set; }
        public Colour? Favourite { get; set; }
    }

    private sealed class Painted
    {
        public int Id { get; set; }
        public Colour Colour { get; set; }
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 3);
        await _db.ExecuteAsync("""
            CREATE TABLE shapes (
                id integer PRIMARY KEY,
                numbers integer[],
                names text[],
                colours text[],
                colour_list text[],
                home jsonb,
                history jsonb,
                json_names jsonb,
                scores jsonb,
                document jsonb,
                favourite text
            );
            INSERT INTO shapes VALUES
                (1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                (2, '{1,2,3}', '{a,b}', '{Red,Blue}', '{green}',
                 '{"street": "Main", "lines": ["x"]}', '[{"street": "Old"}]', '["p", "q"]', '{"a": 1}', '{"k": true}', 'blue');
            CREATE TABLE paints (id integer PRIMARY KEY, colour text NOT NULL);
            INSERT INTO paints VALUES (1, 'Red'), (2, 'green'), (3, 'BLUE');
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    // ---- NULL arrays, lists and jsonb types as one-column scalars ----

    [Test]
    public async Task FetchAsync_of_arrays_on_NULL_gives_null()
    {
        Assert.That(await _db.FetchAsync<int[]>("SELECT NULL::int[]"), Is.EqualTo(new int[]?[] { null }));
        Assert.That(await _db.FetchAsync<string[]>("SELECT NULL::text[]"), Is.EqualTo(new string[]?[] { null }));
        Assert.That(await _db.FetchAsync<Guid[]>("SELECT NULL::uuid[]"), Is.EqualTo(new Guid[]?[] { null }));
        Assert.That(await _db.FetchAsync<DateTimeOffset[]>("SELECT NULL::timestamptz[]"), Is.EqualTo(new DateTimeOffset[]?[] { null }));
        Assert.That(await _db.FetchAsync<Colour[]>("SELECT NULL::text[]"), Is.EqualTo(new Colour[]?[] { null }));
    }

    [Test]
    public async Task FetchAsync_of_arrays_mixes_NULL_and_values_row_by_row()
    {
        var rows = await _db.FetchAsync<int[]>("SELECT numbers FROM shapes ORDER BY id");
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[0], Is.Null);
        Assert.That(rows[1], Is.EqualTo(new[] { 1, 2, 3 }));
    }

    [Test]
    public async Task FetchRowAsync_and_FetchValAsync_of_arrays_and_lists_on_NULL_give_null()
    {
        Assert.That(await _db.FetchRowAsync<int[]>("SELECT NULL::int[]"), Is.Null);
        Assert.That(await _db.FetchRowAsync<long[]>("SELECT NULL::bigint[] AS ids"), Is.Null);
        Assert.That(await _db.FetchRowAsync<List<string>>("SELECT NULL::text[]"), Is.Null);
        Assert.That(await _db.FetchRowAsync<List<Colour>>("SELECT NULL::text[]"), Is.Null);
        Assert.That(await _db.FetchValAsync<int[]>("SELECT NULL::int[]"), Is.Null);
        Assert.That(await _db.FetchValAsync<List<string>>("SELECT NULL::text[]"), Is.Null);
    }

    [Test]
    public async Task FetchAsync_of_lists_on_NULL_gives_null()
    {
        Assert.That(await _db.FetchAsync<List<string>>("SELECT NULL::text[]"), Is.EqualTo(new List<string>?[] { null }));
        Assert.That(await _db.FetchAsync<List<int>>("SELECT NULL::int[]"), Is.EqualTo(new List<int>?[] { null }));
        var rows = await _db.FetchAsync<List<string>>("SELECT names FROM shapes ORDER BY id");
        Assert.That(rows[0], Is.Null);
        Assert.That(rows[1], Is.EqualTo(new List<string> { "a", "b" }));
    }

    [Test]
    public async Task FetchAsync_of_jsonb_types_on_NULL_gives_null()
    {
        Assert.That(await _db.FetchAsync<JsonDocument>("SELECT NULL::jsonb"), Is.EqualTo(new JsonDocument?[] { null }));
        Assert.That(await _db.FetchRowAsync<Dictionary<string, int>>("SELECT scores FROM shapes WHERE id = 1"), Is.Null);
        // Reading a model first registers the jsonb handler for Address.
        await _db.FetchAsync<ShapeModel>("SELECT * FROM shapes");
        Assert.That(await _db.FetchRowAsync<Address>("SELECT home FROM shapes WHERE id = 1"), Is.Null);
    }

    [Test]
    public async Task JsonElement_on_NULL_is_the_clear_NULL_error_and_JsonElement_nullable_is_null()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<JsonElement>("SELECT NULL::jsonb AS payload"));
        Assert.That(error!.Message, Does.StartWith("Column \"payload\" is NULL, which JsonElement cannot hold. Read it as JsonElement?"));
        Assert.That(await _db.FetchAsync<JsonElement?>("SELECT NULL::jsonb"), Is.EqualTo(new JsonElement?[] { null }));
        var element = await _db.FetchRowAsync<JsonElement>("""SELECT '{"k": 2}'::jsonb""");
        Assert.That(element.GetProperty("k").GetInt32(), Is.EqualTo(2));
    }

    [Test]
    public async Task Non_NULL_arrays_lists_and_jsonb_scalars_read_as_before()
    {
        Assert.That(await _db.FetchAsync<int[]>("SELECT '{4,5}'::int[]"), Is.EqualTo(new[] { new[] { 4, 5 } }));
        Assert.That(await _db.FetchRowAsync<List<string>>("SELECT '{x,y}'::text[]"), Is.EqualTo(new List<string> { "x", "y" }));
        Assert.That(await _db.FetchRowAsync<List<Colour>>("SELECT '{red,Blue}'::text[]"), Is.EqualTo(new List<Colour> { Colour.Red, Colour.Blue }));
        Assert.That(await _db.FetchValAsync<long[]>("SELECT '{7}'::bigint[]"), Is.EqualTo(new[] { 7L }));
        var scores = await _db.FetchRowAsync<Dictionary<string, int>>("SELECT scores FROM shapes WHERE id = 2");
        Assert.That(scores, Is.EqualTo(new Dictionary<string, int> { ["a"] = 1 }));
        using var document = await _db.FetchRowAsync<JsonDocument>("SELECT document FROM shapes WHERE id = 2");
        Assert.That(document!.RootElement.GetProperty("k").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Enum_arrays_lists_and_jsonb_dictionaries_read_alone_need_no_model_first()
    {
        Assert.That(await _db.FetchRowAsync<List<Weekday>>("SELECT '{tuesday,Monday}'::text[]"), Is.EqualTo(new List<Weekday> { Weekday.Tuesday, Weekday.Monday }));
        Assert.That(await _db.FetchRowAsync<Weekday[]>("SELECT '{MONDAY}'::text[]"), Is.EqualTo(new[] { Weekday.Monday }));
        Assert.That(await _db.FetchAsync<List<Weekday>>("SELECT NULL::text[]"), Is.EqualTo(new List<Weekday>?[] { null }));
        Assert.That(await _db.FetchRowAsync<Dictionary<string, decimal>>("""SELECT '{"a": 1.5}'::jsonb"""),
            Is.EqualTo(new Dictionary<string, decimal> { ["a"] = 1.5m }));
        Assert.That(await _db.FetchRowAsync<Dictionary<string, decimal>>("SELECT NULL::jsonb"), Is.Null);
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchRowAsync<List<Weekday>>("SELECT '{Monday,Sunday}'::text[]"));
        Assert.That(error!.Message, Does.Contain("holds 'Sunday', which is not a name of enum NullAndEnumScalarTests.Weekday (Monday, Tuesday)"));
    }

    [Test]
    public async Task QueryAsync_reads_NULL_arrays_lists_and_jsonb_as_null()
    {
        Assert.That(await _db.QueryAsync<int[]>("SELECT NULL::int[]"), Is.EqualTo(new int[]?[] { null }));
        Assert.That(await _db.QueryAsync<List<string>>("SELECT names FROM shapes ORDER BY id"), Is.EqualTo(new List<string>?[] { null, ["a", "b"] }));
        Assert.That(await _db.QueryAsync<JsonDocument>("SELECT NULL::jsonb"), Is.EqualTo(new JsonDocument?[] { null }));
        var rows = await _db.QueryAsync<Shapes>("SELECT * FROM shapes WHERE id = @Id", new { Id = 1 });
        Assert.That(new object?[] { rows[0].Numbers, rows[0].Names, rows[0].Home, rows[0].Scores }, Is.All.Null);
    }

    // ---- NULL arrays, lists and jsonb types into properties ----

    [Test]
    public async Task NULL_into_array_list_and_jsonb_properties_of_a_result_class_gives_null()
    {
        var rows = await _db.FetchAsync<Shapes>("SELECT * FROM shapes ORDER BY id");
        var empty = rows[0];
        Assert.That(empty.Id, Is.EqualTo(1));
        Assert.That(new object?[] { empty.Numbers, empty.Names, empty.Colours, empty.ColourList, empty.Home, empty.History, empty.JsonNames, empty.Scores, empty.Document, empty.Favourite }, Is.All.Null);
        AssertFull(rows[1].Numbers, rows[1].Names, rows[1].Colours, rows[1].ColourList, rows[1].Home, rows[1].History, rows[1].JsonNames, rows[1].Scores, rows[1].Favourite);
    }

    [Test]
    public async Task NULL_into_array_list_and_jsonb_properties_of_a_model_gives_null()
    {
        var rows = await _db.FetchAsync<ShapeModel>("SELECT * FROM shapes ORDER BY id");
        var empty = rows[0];
        Assert.That(new object?[] { empty.Numbers, empty.Names, empty.Colours, empty.ColourList, empty.Home, empty.History, empty.JsonNames, empty.Scores, empty.Document, empty.Favourite }, Is.All.Null);
        AssertFull(rows[1].Numbers, rows[1].Names, rows[1].Colours, rows[1].ColourList, rows[1].Home, rows[1].History, rows[1].JsonNames, rows[1].Scores, rows[1].Favourite);

        var got = await _db.GetAsync<ShapeModel>(1);
        Assert.That(got, Is.Not.Null);
        Assert.That(new object?[] { got!.Numbers, got.Names, got.Home, got.History, got.Scores, got.Document }, Is.All.Null);
    }

    [Test]
    public async Task NULL_into_a_positional_record_gives_null()
    {
        var rows = await _db.FetchAsync<ShapeRecord>("SELECT id, numbers, names, favourite FROM shapes ORDER BY id");
        Assert.That(rows[0], Is.EqualTo(new ShapeRecord(1, null, null, null)));
        Assert.That(rows[1].Numbers, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(rows[1].Names, Is.EqualTo(new List<string> { "a", "b" }));
        Assert.That(rows[1].Favourite, Is.EqualTo(Colour.Blue));
    }

    [Test]
    public async Task A_model_with_NULL_arrays_and_jsonb_round_trips_through_CRUD()
    {
        var inserted = await _db.InsertAsync(new ShapeModel { Id = 10 });
        Assert.That(new object?[] { inserted.Numbers, inserted.Names, inserted.Home, inserted.History, inserted.Scores }, Is.All.Null);
        Assert.That(await _db.FetchValAsync<bool>("SELECT numbers IS NULL AND home IS NULL AND names IS NULL FROM shapes WHERE id = 10"), Is.True);
        await _db.DeleteAsync<ShapeModel>(10);
    }

    private static void AssertFull(int[]? numbers, List<string>? names, Colour[]? colours, List<Colour>? colourList, Address? home,
        List<Address>? history, List<string>? jsonNames, Dictionary<string, int>? scores, Colour? favourite) => Assert.Multiple(() =>
    {
        Assert.That(numbers, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(names, Is.EqualTo(new List<string> { "a", "b" }));
        Assert.That(colours, Is.EqualTo(new[] { Colour.Red, Colour.Blue }));
        Assert.That(colourList, Is.EqualTo(new List<Colour> { Colour.Green }));
        Assert.That(home?.Street, Is.EqualTo("Main"));
        Assert.That(home?.Lines, Is.EqualTo(new List<string> { "x" }));
        Assert.That(history?.Select(a => a.Street), Is.EqualTo(new[] { "Old" }));
        Assert.That(jsonNames, Is.EqualTo(new List<string> { "p", "q" }));
        Assert.That(scores, Is.EqualTo(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.That(favourite, Is.EqualTo(Colour.Blue));
    });

    // ---- enum scalars by name ----

    [Test]
    public async Task FetchAsync_of_an_enum_reads_text_by_name_ignoring_case()
    {
        Assert.That(await _db.FetchAsync<Colour>("SELECT 'Green'"), Is.EqualTo(new[] { Colour.Green }));
        Assert.That(await _db.FetchAsync<Colour>("SELECT colour FROM paints ORDER BY id"), Is.EqualTo(new[] { Colour.Red, Colour.Green, Colour.Blue }));
        Assert.That(await _db.FetchRowAsync<Colour>("SELECT 'blue'::text"), Is.EqualTo(Colour.Blue));
        Assert.That(await _db.FetchValAsync<Colour>("SELECT $1::text", "GREEN"), Is.EqualTo(Colour.Green));
    }

    [Test]
    public async Task FetchAsync_of_a_nullable_enum_reads_names_and_NULL()
    {
        Assert.That(await _db.FetchAsync<Colour?>("SELECT favourite FROM shapes ORDER BY id"), Is.EqualTo(new Colour?[] { null, Colour.Blue }));
        Assert.That(await _db.FetchAsync<Colour?>("SELECT 'Red'"), Is.EqualTo(new Colour?[] { Colour.Red }));
        Assert.That(await _db.FetchRowAsync<Colour?>("SELECT NULL::text"), Is.Null);
        Assert.That(await _db.FetchRowAsync<Colour?>("SELECT 'green'"), Is.EqualTo(Colour.Green));
        Assert.That(await _db.FetchValAsync<Colour?>("SELECT NULL::text"), Is.Null);
        Assert.That(await _db.FetchValAsync<Colour?>("SELECT 'Blue'"), Is.EqualTo(Colour.Blue));
    }

    [Test]
    public void A_non_nullable_enum_on_NULL_keeps_the_clear_NULL_error()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour>("SELECT NULL::text AS shade"));
        Assert.That(error!.Message, Does.StartWith("Column \"shade\" is NULL, which NullAndEnumScalarTests.Colour cannot hold."));
    }

    [Test]
    public async Task Enums_from_integer_columns_still_read_by_value()
    {
        Assert.That(await _db.FetchAsync<Colour>("SELECT 2"), Is.EqualTo(new[] { Colour.Blue }));
        Assert.That(await _db.FetchRowAsync<Colour?>("SELECT 1::smallint"), Is.EqualTo(Colour.Green));
    }

    [Test]
    public void An_unknown_name_as_an_enum_scalar_gives_the_same_error_as_an_enum_property()
    {
        var scalar = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour>("SELECT 'Purple' AS colour"));
        var property = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Painted>("SELECT 1 AS id, 'Purple' AS colour"));
        const string expected = "Column \"colour\" holds 'Purple', which is not a name of enum NullAndEnumScalarTests.Colour (Red, Green, Blue). " +
            "Update the rows to a valid name, or add the missing member to the enum.";
        Assert.Multiple(() =>
        {
            Assert.That(scalar!.Message, Is.EqualTo(expected));
            Assert.That(property!.Message, Is.EqualTo(expected));
        });
    }

    [Test]
    public void An_unknown_name_is_the_clear_error_from_every_raw_read()
    {
        var nullable = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour?>("SELECT 'Purple' AS shade"));
        var row = Assert.ThrowsAsync<AksaraException>(() => _db.FetchRowAsync<Colour>("SELECT 'Purple' AS shade"));
        var value = Assert.ThrowsAsync<AksaraException>(() => _db.FetchValAsync<Colour>("SELECT 'Purple' AS shade"));
        var empty = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour>("SELECT '' AS shade"));
        Assert.Multiple(() =>
        {
            foreach (var error in new[] { nullable, row, value })
                Assert.That(error!.Message, Does.StartWith("Column \"shade\" holds 'Purple', which is not a name of enum NullAndEnumScalarTests.Colour"));
            Assert.That(empty!.Message, Does.StartWith("Column \"shade\" holds '', which is not a name of enum"));
        });
    }

    [Test]
    public async Task Hostile_text_read_as_an_enum_is_the_clear_error_and_runs_nothing()
    {
        const string hostile = "'; DROP TABLE paints; --";
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Colour>("SELECT $1::text AS colour", hostile));
        Assert.That(error!.Message, Does.StartWith($"Column \"colour\" holds '{hostile}', which is not a name of enum NullAndEnumScalarTests.Colour"));
        var inProperty = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Painted>("SELECT 1 AS id, $1::text AS colour", hostile));
        Assert.That(inProperty!.Message, Is.EqualTo(error.Message));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM paints"), Is.EqualTo(3L), "the table is still there");
    }

    [Test]
    public async Task An_unknown_name_inside_a_transaction_is_the_same_clear_error()
    {
        await using var tx = await _db.BeginTransactionAsync();
        var error = Assert.ThrowsAsync<AksaraException>(() => tx.FetchAsync<Colour>("SELECT 'Purple' AS colour"));
        Assert.That(error!.Message, Does.StartWith("Column \"colour\" holds 'Purple', which is not a name of enum"));
    }
}
