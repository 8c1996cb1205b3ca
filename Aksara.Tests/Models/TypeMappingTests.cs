using System.Text.Json;
using System.Text.Json.Nodes;

namespace Aksara.Tests.Models;

/// <summary>Every row of the type table, both ways, through CRUD, the raw API and typed queries.</summary>
public sealed class TypeMappingTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Mood { Calm, Cheerful, VeryHappy }

    public sealed class Address
    {
        public string Street { get; set; } = "";
        public List<string> Lines { get; set; } = [];
        public Dictionary<string, int>? Scores { get; set; }
        public Mood Mood { get; set; }
        public Address? Next { get; set; }
    }

    [Table("samples")]
    public sealed class Sample
    {
        [PrimaryKey] public Guid Id { get; set; }
        public string Text { get; set; } = "";
        public string? OptionalText { get; set; }
        [Column(MaxLength = 20)] public string? Short { get; set; }
        public bool Flag { get; set; }
        public bool? OptionalFlag { get; set; }
        public short Small { get; set; }
        public short? OptionalSmall { get; set; }
        public int Number { get; set; }
        public int? OptionalNumber { get; set; }
        public long Big { get; set; }
        public long? OptionalBig { get; set; }
        public decimal Amount { get; set; }
        [Column(Precision = 12, Scale = 2)] public decimal? Money { get; set; }
        public float Single { get; set; }
        public float? OptionalSingle { get; set; }
        public double Double { get; set; }
        public double? OptionalDouble { get; set; }
        public DateTimeOffset At { get; set; }
        public DateTimeOffset? OptionalAt { get; set; }
        public DateTime UtcAt { get; set; } = DateTime.UnixEpoch;
        public DateTime? OptionalUtcAt { get; set; }
        public DateOnly Day { get; set; }
        public DateOnly? OptionalDay { get; set; }
        public TimeOnly Time { get; set; }
        public TimeOnly? OptionalTime { get; set; }
        public TimeSpan Span { get; set; }
        public TimeSpan? OptionalSpan { get; set; }
        public byte[] Bytes { get; set; } = [];
        public byte[]? OptionalBytes { get; set; }
        public Guid Reference { get; set; }
        public Guid? OptionalReference { get; set; }
        public Mood Mood { get; set; }
        public Mood? OptionalMood { get; set; }
        public string[] Tags { get; set; } = [];
        public List<string>? TagList { get; set; }
        public int[] Numbers { get; set; } = [];
        public List<long>? LongList { get; set; }
        public Guid[]? Ids { get; set; }
        public Mood[] Moods { get; set; } = [];
        public List<Mood>? MoodList { get; set; }
        public DateTimeOffset[]? Instants { get; set; }
        public List<DateOnly>? Days { get; set; }
        public decimal[]? Amounts { get; set; }
        public double[]? Doubles { get; set; }
        [Jsonb] public Address Address { get; set; } = new();
        [Jsonb] public Address? OptionalAddress { get; set; }
        [Jsonb] public List<Address>? Addresses { get; set; }
        public Dictionary<string, string>? Attributes { get; set; }
        public JsonDocument? Document { get; set; }
        public JsonElement? Element { get; set; }
        public JsonNode? Node { get; set; }
    }

    [Table("json_shapes")]
    public sealed class JsonShapes
    {
        [PrimaryKey] public int Id { get; set; }
        [Jsonb] public string? RawJson { get; set; }
        [Jsonb] public List<string>? JsonList { get; set; }
        public List<string>? TextList { get; set; }
        [Jsonb] public Mood[]? JsonMoods { get; set; }
        public Mood[]? TextMoods { get; set; }
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("CREATE TABLE json_shapes (id integer PRIMARY KEY, raw_json jsonb, json_list jsonb, text_list text[], json_moods jsonb, text_moods text[])");
        await _db.ExecuteAsync("""
            CREATE TABLE samples (
                id uuid PRIMARY KEY,
                text text NOT NULL,
                optional_text text,
                short varchar(20),
                flag boolean NOT NULL,
                optional_flag boolean,
                small smallint NOT NULL,
                optional_small smallint,
                number integer NOT NULL,
                optional_number integer,
                big bigint NOT NULL,
                optional_big bigint,
                amount numeric NOT NULL,
                money numeric(12,2),
                single real NOT NULL,
                optional_single real,
                double double precision NOT NULL,
                optional_double double precision,
                at timestamptz NOT NULL,
                optional_at timestamptz,
                utc_at timestamptz NOT NULL,
                optional_utc_at timestamptz,
                day date NOT NULL,
                optional_day date,
                time time NOT NULL,
                optional_time time,
                span interval NOT NULL,
                optional_span interval,
                bytes bytea NOT NULL,
                optional_bytes bytea,
                reference uuid NOT NULL,
                optional_reference uuid,
                mood text NOT NULL,
                optional_mood text,
                tags text[] NOT NULL,
                tag_list text[],
                numbers integer[] NOT NULL,
                long_list bigint[],
                ids uuid[],
                moods text[] NOT NULL,
                mood_list text[],
                instants timestamptz[],
                days date[],
                amounts numeric[],
                doubles double precision[],
                address jsonb NOT NULL,
                optional_address jsonb,
                addresses jsonb,
                attributes jsonb,
                document jsonb,
                element jsonb,
                node jsonb
            )
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    private static readonly string Tricky = "He said \"hi\" \\ 'there'\nsecond line\ttab — café 日本語 🎉 \u00e9\u0301";

    private static Sample Full() => new()
    {
        Id = Guid.NewGuid(),
        Text = Tricky,
        OptionalText = "",
        Short = "short",
        Flag = true,
        OptionalFlag = false,
        Small = short.MinValue,
        OptionalSmall = short.MaxValue,
        Number = int.MinValue,
        OptionalNumber = int.MaxValue,
        Big = long.MinValue,
        OptionalBig = long.MaxValue,
        Amount = 0.0000000000000000000000000001m,
        Money = 1234567890.12m,
        Single = float.NaN,
        OptionalSingle = float.NegativeInfinity,
        Double = double.PositiveInfinity,
        OptionalDouble = double.Epsilon,
        At = new DateTimeOffset(2024, 2, 29, 23, 59, 59, TimeSpan.FromHours(7)).AddTicks(1234560),
        OptionalAt = DateTimeOffset.UnixEpoch,
        UtcAt = new DateTime(1999, 12, 31, 23, 0, 0, DateTimeKind.Utc).AddTicks(10),
        OptionalUtcAt = new DateTime(2038, 1, 19, 3, 14, 8, DateTimeKind.Utc),
        Day = new DateOnly(1, 1, 1),
        OptionalDay = new DateOnly(9999, 12, 31),
        Time = new TimeOnly(23, 59, 59).Add(TimeSpan.FromTicks(9999990)),
        OptionalTime = TimeOnly.MinValue,
        Span = new TimeSpan(3, 4, 5, 6, 7),
        OptionalSpan = -TimeSpan.FromMinutes(90),
        Bytes = [0, 1, 2, 255, 0],
        OptionalBytes = [],
        Reference = Guid.NewGuid(),
        OptionalReference = Guid.Empty,
        Mood = Mood.VeryHappy,
        OptionalMood = Mood.Calm,
        Tags = ["a", "", "with space", "quote\"'", Tricky],
        TagList = [],
        Numbers = [int.MinValue, 0, int.MaxValue],
        LongList = [long.MinValue, long.MaxValue],
        Ids = [Guid.NewGuid(), Guid.Empty],
        Moods = [Mood.Cheerful, Mood.Calm, Mood.Cheerful],
        MoodList = [Mood.VeryHappy],
        Instants = [new DateTimeOffset(2020, 1, 1, 12, 0, 0, TimeSpan.FromHours(-5))],
        Days = [new DateOnly(2024, 2, 29)],
        Amounts = [decimal.MaxValue, decimal.MinValue, 0m, 1.5m],
        Doubles = [double.NaN, double.NegativeInfinity, -0.0, 1e308],
        Address = new Address
        {
            Street = Tricky,
            Lines = ["{\"not\": \"json\"}", "]", "\\u0041"],
            Scores = new() { ["ü"] = 1, ["\"quoted\""] = -2 },
            Mood = Mood.Cheerful,
            Next = new Address { Street = "nested\r\nline", Lines = [] },
        },
        OptionalAddress = new Address(),
        Addresses = [new Address { Street = "one" }, new Address { Street = "two" }],
        Attributes = new() { ["key"] = "value", ["emoji"] = "🙂" },
        Document = JsonDocument.Parse("""{"a": [1, 2, {"b": null}], "c": "d\ne"}"""),
        Element = JsonDocument.Parse("[1, \"two\", 3.5, true]").RootElement,
        Node = new JsonObject { ["x"] = 1, ["y"] = new JsonArray("z", null) },
    };

    private static Sample Nulls() => new()
    {
        Id = Guid.NewGuid(),
        Text = "",
        UtcAt = DateTime.UnixEpoch,
        At = DateTimeOffset.MinValue,
    };

    [Test]
    public async Task Every_type_round_trips_through_insert_and_get()
    {
        var full = Full();
        await _db.InsertAsync(full);

        var read = await _db.GetAsync<Sample>(full.Id);

        AssertSame(read, full);
    }

    [Test]
    public async Task Every_nullable_type_round_trips_null()
    {
        var nulls = Nulls();
        await _db.InsertAsync(nulls);

        var read = await _db.GetAsync<Sample>(nulls.Id);

        AssertSame(read, nulls);
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM samples WHERE id = $1 AND optional_address IS NULL AND document IS NULL AND mood_list IS NULL", nulls.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task Rows_read_the_same_through_the_raw_API_and_typed_queries()
    {
        var full = Full();
        await _db.InsertAsync(full);

        AssertSame(await _db.FetchRowAsync<Sample>("SELECT * FROM samples WHERE id = $1", full.Id), full);
        AssertSame((await _db.FetchAsync<Sample>("SELECT * FROM samples WHERE id = $1", full.Id)).Single(), full);
        AssertSame(await _db.Table<Sample>().Where(s => s.Id == full.Id).FirstOrDefaultAsync(), full);
        AssertSame((await _db.QueryAsync<Sample>("SELECT * FROM samples WHERE id = @Id", new { full.Id })).Single(), full);
    }

    [Test]
    public async Task Empty_arrays_stay_empty_not_null()
    {
        var sample = Nulls();
        sample.TagList = [];
        sample.MoodList = [];
        sample.LongList = [];
        await _db.InsertAsync(sample);

        var read = (await _db.GetAsync<Sample>(sample.Id))!;

        Assert.That(read.Tags, Is.Empty);
        Assert.That(read.TagList, Is.Not.Null.And.Empty);
        Assert.That(read.MoodList, Is.Not.Null.And.Empty);
        Assert.That(read.LongList, Is.Not.Null.And.Empty);
        Assert.That(await _db.FetchValAsync<int>("SELECT cardinality(tag_list) FROM samples WHERE id = $1", sample.Id), Is.Zero);
    }

    [Test]
    public async Task Values_are_stored_as_PostgreSQL_sees_them()
    {
        var full = Full();
        await _db.InsertAsync(full);

        var row = (IDictionary<string, object>)(await _db.FetchAsync("""
            SELECT mood, moods::text AS moods, address->>'street' AS street, address->'next'->>'street' AS next_street,
                   address->'scores'->>'"quoted"' AS quoted_score, address->>'mood' AS json_mood,
                   at = '2024-02-29 16:59:59.123456+00' AS at_is_utc_instant, money::text AS money, jsonb_typeof(element) AS element_type
            FROM samples WHERE id = $1
            """, full.Id)).Single();

        Assert.That(row["mood"], Is.EqualTo("VeryHappy"), "enums are stored by name");
        Assert.That(row["moods"], Is.EqualTo("{Cheerful,Calm,Cheerful}"));
        Assert.That(row["street"], Is.EqualTo(Tricky), "jsonb strings keep quotes, newlines and non-ASCII text");
        Assert.That(row["next_street"], Is.EqualTo("nested\r\nline"));
        Assert.That(row["quoted_score"], Is.EqualTo("-2"));
        Assert.That(row["json_mood"], Is.EqualTo("Cheerful"), "jsonb uses AksaraJson.Options: enums by name");
        Assert.That(row["at_is_utc_instant"], Is.True);
        Assert.That(row["money"], Is.EqualTo("1234567890.12"));
        Assert.That(row["element_type"], Is.EqualTo("array"));
    }

    [Test]
    public async Task DateTimeOffset_is_normalized_to_UTC_and_keeps_its_instant()
    {
        var sample = Nulls();
        sample.At = new DateTimeOffset(2025, 6, 1, 8, 30, 0, TimeSpan.FromHours(-9.5));
        await _db.InsertAsync(sample);

        var read = (await _db.GetAsync<Sample>(sample.Id))!;

        Assert.That(read.At, Is.EqualTo(sample.At));
        Assert.That(read.At.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM samples WHERE at = $1", new DateTimeOffset(2025, 6, 1, 18, 0, 0, TimeSpan.Zero)), Is.EqualTo(1));
    }

    [TestCase(DateTimeKind.Local)]
    [TestCase(DateTimeKind.Unspecified)]
    public void Non_UTC_DateTime_is_an_error_naming_the_column_not_a_silent_shift(DateTimeKind kind)
    {
        var sample = Nulls();
        sample.UtcAt = new DateTime(2025, 1, 1, 12, 0, 0, kind);

        var error = Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertAsync(sample));

        Assert.That(error!.Message, Does.Contain("column \"utc_at\"").And.Contain($"Kind={kind}").And.Contain("ToUniversalTime"));
    }

    [Test]
    public void Non_UTC_DateTime_raw_parameter_is_an_error()
    {
        var error = Assert.ThrowsAsync<AksaraValueException>(() => _db.FetchValAsync<long>("SELECT count(*) FROM samples WHERE utc_at < $1", DateTime.Now));

        Assert.That(error!.Message, Does.Contain("Kind=Local"));
    }

    [Test]
    public async Task Decimal_is_rounded_to_the_declared_scale_and_the_entity_shows_it()
    {
        var sample = Nulls();
        sample.Money = 10.005m;
        await _db.InsertAsync(sample);

        Assert.That(sample.Money, Is.EqualTo(10.01m), "the inserted entity is refreshed from RETURNING");
        Assert.That((await _db.GetAsync<Sample>(sample.Id))!.Money, Is.EqualTo(10.01m));
    }

    [Test]
    public async Task Unknown_enum_text_is_an_error_naming_the_enum_and_the_value()
    {
        var sample = Nulls();
        await _db.InsertAsync(sample);
        await _db.ExecuteAsync("UPDATE samples SET optional_mood = 'Furious' WHERE id = $1", sample.Id);

        var viaGet = Assert.ThrowsAsync<AksaraException>(() => _db.GetAsync<Sample>(sample.Id));
        var viaRaw = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Sample>("SELECT * FROM samples WHERE id = $1", sample.Id));

        foreach (var error in new[] { viaGet, viaRaw })
            Assert.That(error!.Message, Does.Contain("optional_mood").And.Contain("'Furious'").And.Contain("TypeMappingTests.Mood").And.Contain("Calm, Cheerful, VeryHappy"));
    }

    [Test]
    public async Task Unknown_enum_text_in_an_array_is_an_error_naming_the_enum()
    {
        var sample = Nulls();
        await _db.InsertAsync(sample);
        await _db.ExecuteAsync("UPDATE samples SET moods = ARRAY['Calm', 'Grumpy'] WHERE id = $1", sample.Id);

        var error = Assert.ThrowsAsync<AksaraException>(() => _db.GetAsync<Sample>(sample.Id));

        Assert.That(error!.Message, Does.Contain("\"moods\"").And.Contain("'Grumpy'").And.Contain("Mood"));
    }

    [Test]
    public async Task Enum_names_are_read_case_insensitively()
    {
        var sample = Nulls();
        await _db.InsertAsync(sample);
        await _db.ExecuteAsync("UPDATE samples SET mood = 'veryhappy' WHERE id = $1", sample.Id);

        Assert.That((await _db.GetAsync<Sample>(sample.Id))!.Mood, Is.EqualTo(Mood.VeryHappy));
    }

    [Test]
    public void Text_with_NUL_is_an_error_naming_the_column()
    {
        var sample = Nulls();
        sample.OptionalText = "before\0after";

        var error = Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertAsync(sample));

        Assert.That(error!.Message, Does.Contain("column \"optional_text\" (TypeMappingTests.Sample.OptionalText)").And.Contain("U+0000"));
    }

    [Test]
    public void NUL_inside_jsonb_and_text_arrays_is_an_error_naming_the_column()
    {
        var json = Nulls();
        json.Address = new Address { Street = "a\0b" };
        var array = Nulls();
        array.Tags = ["fine", "not\0fine"];

        Assert.That(Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertAsync(json))!.Message, Does.Contain("column \"address\"").And.Contain("U+0000"));
        Assert.That(Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertAsync(array))!.Message, Does.Contain("column \"tags\"").And.Contain("U+0000"));
    }

    [Test]
    public async Task A_literal_backslash_u0000_in_json_text_is_not_mistaken_for_NUL()
    {
        var sample = Nulls();
        sample.Address = new Address { Street = "\\u0000 is six characters" };
        await _db.InsertAsync(sample);

        Assert.That((await _db.GetAsync<Sample>(sample.Id))!.Address.Street, Is.EqualTo("\\u0000 is six characters"));
    }

    [Test]
    public async Task Raw_parameters_are_sent_with_their_exact_PostgreSQL_types()
    {
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", Mood.Cheerful), Is.EqualTo("text"));
        Assert.That(await _db.FetchValAsync<string>("SELECT $1", Mood.Cheerful), Is.EqualTo("Cheerful"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", new List<int> { 1, 2 }), Is.EqualTo("integer[]"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", new[] { 1L }), Is.EqualTo("bigint[]"));
        Assert.That(await _db.FetchValAsync<string>("SELECT $1::text", new[] { Mood.Calm, Mood.VeryHappy }), Is.EqualTo("{Calm,VeryHappy}"));
        Assert.That(await _db.FetchValAsync<string>("SELECT $1::text", new List<Mood> { Mood.Cheerful }), Is.EqualTo("{Cheerful}"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", JsonDocument.Parse("{}")), Is.EqualTo("jsonb"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", new JsonObject { ["a"] = 1 }), Is.EqualTo("jsonb"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", DateTimeOffset.Now), Is.EqualTo("timestamp with time zone"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", new List<DateTimeOffset> { DateTimeOffset.Now }), Is.EqualTo("timestamp with time zone[]"));
        Assert.That(await _db.FetchValAsync<bool>("SELECT $1 = '2025-01-01 00:00:00+00'::timestamptz", new DateTimeOffset(2025, 1, 1, 7, 0, 0, TimeSpan.FromHours(7))), Is.True);
        Assert.That(await _db.FetchValAsync<int>("SELECT cardinality($1)", new List<string>()), Is.Zero);
        Assert.ThrowsAsync<AksaraValueException>(() => _db.FetchValAsync<string>("SELECT $1", "nul\0"));
    }

    [Test]
    public async Task Arrays_and_lists_reach_Dapper_named_parameters_as_one_array()
    {
        var sample = Nulls();
        await _db.InsertAsync(sample);

        var found = await _db.QueryAsync<Sample>("SELECT * FROM samples WHERE id = ANY(@Ids)", new { Ids = new List<Guid> { sample.Id, Guid.NewGuid() } });
        var byArray = await _db.QueryAsync<Sample>("SELECT * FROM samples WHERE id = ANY(@Ids)", new { Ids = new[] { sample.Id } });
        var none = await _db.QueryAsync<Sample>("SELECT * FROM samples WHERE id = ANY(@Ids)", new { Ids = Array.Empty<Guid>() });

        Assert.That(found.Select(s => s.Id), Is.EqualTo(new[] { sample.Id }));
        Assert.That(byArray.Select(s => s.Id), Is.EqualTo(new[] { sample.Id }));
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task Dapper_named_parameters_send_jsonb_and_DateTimeOffset_exactly()
    {
        var sample = Nulls();
        await _db.InsertAsync(sample);
        var address = new Address { Street = "Jl. Sudirman", Lines = ["1"] };
        var at = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.FromHours(9));

        var updated = await _db.ExecuteAsync("UPDATE samples SET optional_address = @Address, optional_at = @At WHERE id = @Id", new { Address = address, At = at, sample.Id });
        var read = (await _db.GetAsync<Sample>(sample.Id))!;

        Assert.That(updated, Is.EqualTo(1));
        Assert.That(read.OptionalAddress!.Street, Is.EqualTo("Jl. Sudirman"));
        Assert.That(read.OptionalAt, Is.EqualTo(at));
    }

    [Test]
    public async Task Jsonb_string_is_JSON_text_and_jsonb_lists_coexist_with_text_arrays_of_the_same_type()
    {
        var shapes = new JsonShapes
        {
            Id = 1,
            RawJson = """{"b": [1, 2], "a": "x"}""",
            JsonList = ["one", "two"],
            TextList = ["three"],
            JsonMoods = [Mood.Calm],
            TextMoods = [Mood.VeryHappy],
        };
        await _db.InsertAsync(shapes);

        var read = (await _db.GetAsync<JsonShapes>(1))!;
        var types = await _db.FetchRowAsync<(string, string, string)>(
            "SELECT jsonb_typeof(raw_json), jsonb_typeof(json_list), pg_typeof(text_list)::text FROM json_shapes WHERE id = 1");

        Assert.That(read.RawJson, Is.EqualTo("""{"a": "x", "b": [1, 2]}"""), "stored as jsonb, read back as jsonb's text");
        Assert.That(read.JsonList, Is.EqualTo(new[] { "one", "two" }));
        Assert.That(read.TextList, Is.EqualTo(new[] { "three" }));
        Assert.That(read.JsonMoods, Is.EqualTo(new[] { Mood.Calm }));
        Assert.That(read.TextMoods, Is.EqualTo(new[] { Mood.VeryHappy }));
        Assert.That(types, Is.EqualTo(("object", "array", "text[]")));
    }

    [Test]
    public async Task Dapper_named_parameters_send_enums_by_name_and_typed_nulls()
    {
        var sample = Nulls();
        sample.Mood = Mood.Cheerful;
        sample.Moods = [Mood.Calm, Mood.VeryHappy];
        await _db.InsertAsync(sample);
        string? noText = null;

        var byEnum = await _db.QueryAsync<Guid>("SELECT id FROM samples WHERE mood = @Mood AND id = @Id", new { Mood = Mood.Cheerful, sample.Id });
        var byEnumArray = await _db.QueryAsync<Guid>("SELECT id FROM samples WHERE moods && @Moods AND id = @Id", new { Moods = new[] { Mood.VeryHappy }, sample.Id });
        var byNull = await _db.QueryAsync<Guid>("SELECT id FROM samples WHERE (@Text IS NULL OR text = @Text) AND id = @Id", new { Text = noText, sample.Id });
        var type = await _db.QueryAsync<string>("SELECT pg_typeof(@Mood)::text", new { Mood = Mood.Calm });

        Assert.That(byEnum, Is.EqualTo(new[] { sample.Id }));
        Assert.That(byEnumArray, Is.EqualTo(new[] { sample.Id }));
        Assert.That(byNull, Is.EqualTo(new[] { sample.Id }));
        Assert.That(type, Is.EqualTo(new[] { "text" }));
        Assert.ThrowsAsync<AksaraValueException>(() => _db.QueryAsync<Guid>("SELECT id FROM samples WHERE utc_at < @At", new { At = DateTime.Now }));
    }

    private static void AssertSame(Sample? actual, Sample expected)
    {
        Assert.That(actual, Is.Not.Null);
        var a = actual!;
        Assert.That(a.Id, Is.EqualTo(expected.Id));
        Assert.That(a.Text, Is.EqualTo(expected.Text));
        Assert.That(a.OptionalText, Is.EqualTo(expected.OptionalText));
        Assert.That(a.Short, Is.EqualTo(expected.Short));
        Assert.That(a.Flag, Is.EqualTo(expected.Flag));
        Assert.That(a.OptionalFlag, Is.EqualTo(expected.OptionalFlag));
        Assert.That(a.Small, Is.EqualTo(expected.Small));
        Assert.That(a.OptionalSmall, Is.EqualTo(expected.OptionalSmall));
        Assert.That(a.Number, Is.EqualTo(expected.Number));
        Assert.That(a.OptionalNumber, Is.EqualTo(expected.OptionalNumber));
        Assert.That(a.Big, Is.EqualTo(expected.Big));
        Assert.That(a.OptionalBig, Is.EqualTo(expected.OptionalBig));
        Assert.That(a.Amount, Is.EqualTo(expected.Amount));
        Assert.That(a.Money, Is.EqualTo(expected.Money));
        Assert.That(a.Single, Is.EqualTo(expected.Single));
        Assert.That(a.OptionalSingle, Is.EqualTo(expected.OptionalSingle));
        Assert.That(a.Double, Is.EqualTo(expected.Double));
        Assert.That(a.OptionalDouble, Is.EqualTo(expected.OptionalDouble));
        Assert.That(a.At, Is.EqualTo(expected.At));
        Assert.That(a.At.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(a.OptionalAt, Is.EqualTo(expected.OptionalAt));
        Assert.That(a.UtcAt, Is.EqualTo(expected.UtcAt));
        Assert.That(a.UtcAt.Kind, Is.EqualTo(DateTimeKind.Utc));
        Assert.That(a.OptionalUtcAt, Is.EqualTo(expected.OptionalUtcAt));
        Assert.That(a.Day, Is.EqualTo(expected.Day));
        Assert.That(a.OptionalDay, Is.EqualTo(expected.OptionalDay));
        Assert.That(a.Time, Is.EqualTo(expected.Time));
        Assert.That(a.OptionalTime, Is.EqualTo(expected.OptionalTime));
        Assert.That(a.Span, Is.EqualTo(expected.Span));
        Assert.That(a.OptionalSpan, Is.EqualTo(expected.OptionalSpan));
        Assert.That(a.Bytes, Is.EqualTo(expected.Bytes));
        Assert.That(a.OptionalBytes, Is.EqualTo(expected.OptionalBytes));
        Assert.That(a.Reference, Is.EqualTo(expected.Reference));
        Assert.That(a.OptionalReference, Is.EqualTo(expected.OptionalReference));
        Assert.That(a.Mood, Is.EqualTo(expected.Mood));
        Assert.That(a.OptionalMood, Is.EqualTo(expected.OptionalMood));
        Assert.That(a.Tags, Is.EqualTo(expected.Tags));
        Assert.That(a.TagList, Is.EqualTo(expected.TagList));
        Assert.That(a.Numbers, Is.EqualTo(expected.Numbers));
        Assert.That(a.LongList, Is.EqualTo(expected.LongList));
        Assert.That(a.Ids, Is.EqualTo(expected.Ids));
        Assert.That(a.Moods, Is.EqualTo(expected.Moods));
        Assert.That(a.MoodList, Is.EqualTo(expected.MoodList));
        Assert.That(a.Instants, Is.EqualTo(expected.Instants));
        Assert.That(a.Days, Is.EqualTo(expected.Days));
        Assert.That(a.Amounts, Is.EqualTo(expected.Amounts));
        Assert.That(a.Doubles, Is.EqualTo(expected.Doubles));
        Assert.That(Json(a.Address), Is.EqualTo(Json(expected.Address)));
        Assert.That(Json(a.OptionalAddress), Is.EqualTo(Json(expected.OptionalAddress)));
        Assert.That(Json(a.Addresses), Is.EqualTo(Json(expected.Addresses)));
        Assert.That(a.Attributes, Is.EqualTo(expected.Attributes));
        Assert.That(Json(a.Document), Is.EqualTo(Json(expected.Document)));
        Assert.That(Json(a.Element), Is.EqualTo(Json(expected.Element)));
        Assert.That(Json(a.Node), Is.EqualTo(Json(expected.Node)));
    }

    // jsonb normalizes key order and whitespace; compare canonical re-serializations.
    private static string Json<T>(T value) => value is null ? "null" : JsonNode.Parse(JsonSerializer.Serialize(value, AksaraJson.Options))!.ToJsonString();
}
