using Dapper;

namespace Aksara.Tests.Data;

/// <summary>
/// A value's rules hold whichever way it is sent: raw <c>$1</c>, a named parameter object, a dictionary, Dapper's
/// <c>DynamicParameters</c>, CRUD, binary COPY and typed queries each refuse what PostgreSQL cannot store and send the
/// rest the same way. Also: named parameters beyond a plain object (dictionaries, a sequence of objects), and NULL read
/// into a model's non-nullable property.
/// </summary>
public sealed class ValueRulesOnEveryPathTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Mood
    {
        Calm,
        Cheerful,
    }

    [Table("events")]
    public sealed class Event
    {
        [PrimaryKey] public int Id { get; set; }
        public string Title { get; set; } = "";
        public DateTimeOffset At { get; set; }
        public DateTime Noted { get; set; }
        public Mood Mood { get; set; }
        public List<Mood> Moods { get; set; } = [];
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 3);
        await _db.ExecuteAsync("""
            CREATE TABLE events (id integer PRIMARY KEY, title text NOT NULL, at timestamptz NOT NULL, noted timestamptz NOT NULL,
                                 mood text NOT NULL, moods text[] NOT NULL);
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public Task EmptyAsync() => _db.ExecuteAsync("TRUNCATE events");

    private static Event Sample(int id, string title = "ok", DateTime? noted = null) => new()
    {
        Id = id,
        Title = title,
        At = new DateTimeOffset(2026, 12, 2, 9, 30, 0, TimeSpan.FromHours(5)),
        Noted = noted ?? new DateTime(2026, 12, 2, 4, 30, 0, DateTimeKind.Utc),
        Mood = Mood.Cheerful,
        Moods = [Mood.Calm, Mood.Cheerful],
    };

    private const string InsertNamed = "INSERT INTO events VALUES (@Id, @Title, @At, @Noted, @Mood, @Moods)";

    /// <summary>Every way one event can be written, numbered by the id it gets.</summary>
    private IEnumerable<(string Path, Func<Event, Task> Write)> Paths() =>
    [
        ("raw $1", e => _db.ExecuteAsync("INSERT INTO events VALUES ($1, $2, $3, $4, $5, $6)", e.Id, e.Title, e.At, e.Noted, e.Mood, e.Moods)),
        ("named object", e => _db.ExecuteAsync(InsertNamed, new { e.Id, e.Title, e.At, e.Noted, e.Mood, e.Moods })),
        ("dictionary", e => _db.ExecuteAsync(InsertNamed, new Dictionary<string, object?>
        {
            ["Id"] = e.Id, ["Title"] = e.Title, ["At"] = e.At, ["Noted"] = e.Noted, ["Mood"] = e.Mood, ["Moods"] = e.Moods,
        })),
        ("DynamicParameters", e => _db.ExecuteAsync(InsertNamed.Replace("@Mood,", "@Mood::text,"), Dynamic(e))),
        ("InsertAsync", e => _db.InsertAsync(e)),
        ("InsertManyAsync (COPY)", e => _db.InsertManyAsync([e])),
    ];

    private static DynamicParameters Dynamic(Event e)
    {
        // Dapper adds these parameters by its own rules: an enum goes as its number, so here as the name, as text.
        var parameters = new DynamicParameters(new { e.Id, e.Title, e.At, e.Noted });
        parameters.Add("Mood", e.Mood.ToString());
        parameters.Add("Moods", e.Moods.Select(mood => mood.ToString()).ToArray());
        return parameters;
    }

    [Test]
    public async Task Every_path_stores_the_same_instant_enum_names_and_text()
    {
        var id = 0;
        foreach (var (path, write) in Paths())
            await write(Sample(++id, title: $"it's \"{path}\"; DROP TABLE events; -- ü"));

        var stored = await _db.FetchAsync<(int, string, string, string, string)>(
            "SELECT id, title, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'), mood, array_to_string(moods, ',') FROM events ORDER BY id");
        Assert.That(stored, Has.Count.EqualTo(id));
        var paths = Paths().Select(path => path.Path).ToArray();
        for (var i = 0; i < stored.Count; i++)
        {
            var (_, title, at, mood, moods) = stored[i];
            Assert.That((title, at, mood, moods), Is.EqualTo(($"it's \"{paths[i]}\"; DROP TABLE events; -- ü", "2026-12-02 04:30", "Cheerful", "Calm,Cheerful")), paths[i]);
        }
        var read = await _db.Table<Event>().OrderBy(e => e.Id).ToListAsync();
        Assert.That(read.Select(e => e.At), Is.All.EqualTo(new DateTimeOffset(2026, 12, 2, 4, 30, 0, TimeSpan.Zero)));
        Assert.That(read.Select(e => e.At.Offset), Is.All.EqualTo(TimeSpan.Zero));
        Assert.That(read.Select(e => e.Moods), Is.All.EqualTo(new List<Mood> { Mood.Calm, Mood.Cheerful }));
    }

    [Test]
    public async Task Every_path_refuses_a_local_DateTime_and_text_with_NUL_and_stores_nothing()
    {
        var id = 0;
        foreach (var (path, write) in Paths())
        {
            var notUtc = Assert.CatchAsync<ArgumentException>(() => write(Sample(++id, noted: new DateTime(2026, 12, 2, 4, 30, 0, DateTimeKind.Local))), path);
            Assert.That(notUtc!.Message, Does.Contain("DateTime values must be UTC"), path);
            var nul = Assert.CatchAsync(() => write(Sample(++id, title: "a\0b")), path);
            if (path == "DynamicParameters")
                // Dapper sends a string it adds itself as it is (no type handler runs for strings): the server refuses it.
                Assert.That(nul, Is.InstanceOf<Npgsql.PostgresException>().With.Property("SqlState").EqualTo("22021"), path);
            else
                Assert.That(nul, Is.InstanceOf<ArgumentException>().With.Message.Contains("NUL character"), path);
        }
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM events"), Is.Zero);
        Assert.That(() => _db.Table<Event>().Where(e => e.Title == "a\0b").ToListAsync(), Throws.TypeOf<AksaraValueException>().With.Message.Contains("NUL character"));
        var local = new DateTime(2026, 12, 2, 4, 30, 0, DateTimeKind.Local);
        Assert.That(() => _db.Table<Event>().Where(e => e.Noted < local).ToListAsync(), Throws.TypeOf<AksaraValueException>().With.Message.Contains("DateTime values must be UTC"));
    }

    [Test]
    public async Task A_sequence_of_parameter_objects_runs_the_statement_once_for_each_and_returns_the_total()
    {
        var affected = await _db.ExecuteAsync(InsertNamed, new[] { Sample(1), Sample(2), Sample(3) }
            .Select(e => new { e.Id, e.Title, e.At, e.Noted, e.Mood, e.Moods }).ToList());
        Assert.That(affected, Is.EqualTo(3));
        Assert.That(await _db.FetchAsync<int>("SELECT id FROM events ORDER BY id"), Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(() => _db.QueryAsync<int>("SELECT @Id", new[] { new { Id = 1 } }),
            Throws.ArgumentException.With.Message.Contains("not a sequence"));
    }

    [Test]
    public async Task A_dictionary_sends_only_the_names_the_SQL_mentions_with_or_without_their_prefix()
    {
        var found = await _db.QueryAsync<string>("SELECT @Name || ':' || @mood::text", new Dictionary<string, object?>
        {
            ["@Name"] = "x'; DROP TABLE events; --",
            ["Mood"] = Mood.Calm,
            ["Unused"] = new object(),
        });
        Assert.That(found, Is.EqualTo(new[] { "x'; DROP TABLE events; --:Calm" }));
    }

    [Test]
    public void NULL_into_a_non_nullable_property_of_a_model_is_the_clear_error_of_a_plain_class()
    {
        var error = Assert.ThrowsAsync<AksaraException>(() => _db.FetchAsync<Event>(
            "SELECT NULL::int AS id, 't' AS title, now() AS at, now() AS noted, 'Calm' AS mood, '{}'::text[] AS moods"));
        Assert.That(error!.Message, Does.StartWith("Column \"id\" is NULL, which int cannot hold."));
        Assert.That(error.Message, Does.Contain("Event.Id int?"));
        var named = Assert.ThrowsAsync<AksaraException>(() => _db.QueryAsync<Event>(
            "SELECT 1 AS id, 't' AS title, NULL::timestamptz AS at, now() AS noted, 'Calm' AS mood, '{}'::text[] AS moods WHERE @Yes", new { Yes = true }));
        Assert.That(named!.Message, Does.StartWith("Column \"at\" is NULL, which DateTimeOffset cannot hold."));
    }
}
