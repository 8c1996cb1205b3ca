namespace Aksara.Tests.Querying;

/// <summary>Strings that break hand-built SQL are stored and read back verbatim, and never change a statement.</summary>
public sealed class HostileStringTests : DatabaseTestBase
{
    private Database _db = null!;

    [Table("notes")]
    public sealed class Note
    {
        [PrimaryKey] public Guid Id { get; set; }
        [Unique] public string Key { get; set; } = "";
        public string Text { get; set; } = "";
        public string[] Tags { get; set; } = [];
    }

    public static readonly object[] Hostile =
    [
        new object[] { "quote", "it's" },
        new object[] { "double quote", "say \"hi\"" },
        new object[] { "semicolon", "a; b" },
        new object[] { "comment", "-- not a comment" },
        new object[] { "block comment", "/* not a comment */" },
        new object[] { "percent", "100%" },
        new object[] { "underscore", "_" },
        new object[] { "backslash", @"C:\temp\" },
        new object[] { "dollar quote", "$$; DROP TABLE canary; $$" },
        new object[] { "positional marker", "$1" },
        new object[] { "named marker", "@Key" },
        new object[] { "emoji", "👩‍💻🎉" },
        new object[] { "injection", "'; DROP TABLE canary; --" },
        new object[] { "injection 2", "\"; DROP TABLE canary; --" },
        new object[] { "newlines", "line1\r\nline2\n" },
        new object[] { "empty", "" },
        new object[] { "whitespace", "   " },
        new object[] { "1 MB", new string('x', 512 * 1024) + new string('é', 256 * 1024) },
    ];

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("""
            CREATE TABLE notes (id uuid PRIMARY KEY, key text NOT NULL UNIQUE, text text NOT NULL, tags text[] NOT NULL);
            CREATE TABLE canary (alive boolean NOT NULL);
            INSERT INTO canary VALUES (true);
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task EmptyAsync() => await _db.ExecuteAsync("TRUNCATE notes");

    [TearDown]
    public async Task TablesAreIntactAsync()
    {
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM canary WHERE alive"), Is.EqualTo(1), "the canary table survived");
        Assert.That(await _db.FetchValAsync<string>("SELECT to_regclass('public.notes')::text"), Is.EqualTo("notes"));
    }

    private static Note NewNote(string value, string key = "k") => new() { Id = Guid.NewGuid(), Key = key + value.Length + value.GetHashCode(), Text = value, Tags = [value, "plain"] };

    [TestCaseSource(nameof(Hostile))]
    public async Task Insert_Get_Where_and_StartsWith_keep_the_value_verbatim(string name, string value)
    {
        var note = await _db.InsertAsync(NewNote(value));
        await _db.InsertAsync(NewNote("unrelated"));

        var read = await _db.GetAsync<Note>(note.Id);
        var equal = await _db.Table<Note>().Where(n => n.Text == value).ToListAsync();
        var prefix = await _db.Table<Note>().Where(n => n.Text.StartsWith(value)).ToListAsync();
        var contains = await _db.Table<Note>().Where(n => n.Tags.Contains(value)).CountAsync();
        var raw = await _db.FetchValAsync<long>("SELECT count(*) FROM notes WHERE text = $1", value);

        Assert.That(read!.Text, Is.EqualTo(value), name);
        Assert.That(read.Tags, Is.EqualTo(new[] { value, "plain" }));
        Assert.That(equal.Select(n => n.Id), Is.EqualTo(new[] { note.Id }));
        Assert.That(prefix.Select(n => n.Id), Does.Contain(note.Id));
        Assert.That(prefix.All(n => n.Text.StartsWith(value, StringComparison.Ordinal)), Is.True, "wildcards in the value are matched literally");
        Assert.That(contains, Is.EqualTo(1L));
        Assert.That(raw, Is.EqualTo(1L));
        Assert.That(await _db.Table<Note>().CountAsync(), Is.EqualTo(2L));
    }

    [TestCaseSource(nameof(Hostile))]
    public async Task Update_and_Upsert_keep_the_value_verbatim(string name, string value)
    {
        var note = await _db.InsertAsync(NewNote("before"));
        note.Text = value;
        await _db.UpdateAsync(note);
        var afterUpdate = await _db.GetAsync<Note>(note.Id);

        var upserted = await _db.UpsertAsync(new Note { Id = Guid.NewGuid(), Key = note.Key, Text = value + "!", Tags = [value] }, nameof(Note.Key));

        Assert.That(afterUpdate!.Text, Is.EqualTo(value), name);
        Assert.That(upserted.Id, Is.EqualTo(note.Id));
        Assert.That(upserted.Text, Is.EqualTo(value + "!"));
        Assert.That((await _db.GetAsync<Note>(note.Id))!.Tags, Is.EqualTo(new[] { value }));
        Assert.That(await _db.Table<Note>().CountAsync(), Is.EqualTo(1L));
    }

    [Test]
    public async Task InsertMany_keeps_every_value_verbatim()
    {
        var notes = Hostile.Cast<object[]>().Select((pair, i) => NewNote((string)pair[1], $"k{i}")).ToList();

        var count = await _db.InsertManyAsync(notes);

        Assert.That(count, Is.EqualTo(notes.Count));
        foreach (var note in notes)
        {
            var read = await _db.GetAsync<Note>(note.Id);
            Assert.That(read!.Text, Is.EqualTo(note.Text));
            Assert.That(read.Tags, Is.EqualTo(note.Tags));
        }
        Assert.That(await _db.Table<Note>().CountAsync(), Is.EqualTo((long)notes.Count));
    }

    [Test]
    public async Task NUL_is_refused_everywhere_with_the_column_named_and_nothing_written()
    {
        const string withNul = "a\0b";
        var existing = await _db.InsertAsync(NewNote("ok"));

        var insert = Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertAsync(NewNote(withNul)));
        existing.Text = withNul;
        var update = Assert.ThrowsAsync<AksaraValueException>(() => _db.UpdateAsync(existing));
        var upsert = Assert.ThrowsAsync<AksaraValueException>(() => _db.UpsertAsync(NewNote(withNul)));
        var many = Assert.ThrowsAsync<AksaraValueException>(() => _db.InsertManyAsync([NewNote("fine", "a"), NewNote(withNul, "b")]));
        var where = Assert.Throws<AksaraValueException>(() => _db.Table<Note>().Where(n => n.Text == withNul));
        var like = Assert.Throws<AksaraValueException>(() => _db.Table<Note>().Where(n => n.Text.StartsWith(withNul)));
        var raw = Assert.ThrowsAsync<AksaraValueException>(() => _db.ExecuteAsync("UPDATE notes SET text = $1", withNul));

        foreach (var error in new[] { insert, update, upsert, many, where, like })
            Assert.That(error!.Message, Does.Contain("column \"text\" (HostileStringTests.Note.Text)").And.Contain("U+0000"));
        Assert.That(raw!.Message, Does.Contain("U+0000"));
        Assert.That(await _db.Table<Note>().CountAsync(), Is.EqualTo(1L));
        Assert.That((await _db.GetAsync<Note>(existing.Id))!.Text, Is.EqualTo("ok"));
    }
}
