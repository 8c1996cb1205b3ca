namespace Aksara.Tests.Querying;

public sealed class UpdateManyTests : DatabaseTestBase
{
    private Database _db = null!;

    public sealed class Article : Model
    {
        public string Title { get; set; } = "";
        public string? Body { get; set; }
        [Unique] public string Slug { get; set; } = "";
        public int Views { get; set; }
        public string[] Tags { get; set; } = [];
    }

    [Table("counters")]
    public sealed class Counter
    {
        [PrimaryKey] public int Id { get; set; }
        public string Name { get; set; } = "";
    }

    [Table("memberships", Schema = "upd")]
    public sealed class Membership
    {
        [PrimaryKey] public Guid UserId { get; set; }
        [PrimaryKey] public string Team { get; set; } = "";
        public string Role { get; set; } = "";
    }

    // Its unique constraint is checked at commit, after the last statement of the batch has run.
    public sealed class Seat : Model
    {
        public string Holder { get; set; } = "";
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("""
            CREATE TABLE articles (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                title text NOT NULL,
                body text,
                slug text NOT NULL CONSTRAINT uq_articles_slug UNIQUE,
                views integer NOT NULL CONSTRAINT ck_articles_views CHECK (views >= 0),
                tags text[] NOT NULL
            );
            CREATE TABLE counters (
                id integer PRIMARY KEY,
                name text NOT NULL CONSTRAINT ck_counters_name CHECK (name <> '')
            );
            CREATE SCHEMA upd;
            CREATE TABLE upd.memberships (
                user_id uuid NOT NULL,
                team text NOT NULL,
                role text NOT NULL,
                PRIMARY KEY (user_id, team)
            );
            CREATE TABLE seats (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now(),
                holder text NOT NULL CONSTRAINT uq_seats_holder UNIQUE DEFERRABLE INITIALLY DEFERRED
            );
            CREATE TABLE canary (alive boolean NOT NULL);
            INSERT INTO canary VALUES (true);
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task EmptyTablesAsync() => await _db.ExecuteAsync("TRUNCATE articles, counters, upd.memberships, seats");

    private static Article NewArticle(int i) => new() { Title = $"Title {i}", Slug = $"slug-{i}", Views = i, Tags = ["t"] };

    private async Task<List<Article>> InsertArticlesAsync(int count)
    {
        var articles = new List<Article>();
        for (var i = 1; i <= count; i++)
            articles.Add(await _db.InsertAsync(NewArticle(i)));
        return articles;
    }

    private async Task<List<Counter>> InsertCountersAsync(int count)
    {
        var counters = Enumerable.Range(1, count).Select(i => new Counter { Id = i, Name = $"counter {i}" }).ToList();
        await _db.InsertManyAsync(counters);
        return counters;
    }

    private async Task<string[]> StoredTitlesAsync() =>
        (await _db.FetchAsync<string>("SELECT title FROM articles ORDER BY views")).ToArray();

    [Test]
    public async Task Saves_every_entity_and_returns_the_number_of_rows_updated()
    {
        var articles = await InsertArticlesAsync(5);
        foreach (var article in articles)
        {
            article.Title = $"Changed {article.Views}";
            article.Body = $"body {article.Views}";
            article.Tags = [$"tag {article.Views}", "shared"];
            article.Views += 100;
        }

        var updated = await _db.UpdateManyAsync(articles);

        Assert.That(updated, Is.EqualTo(5));
        foreach (var article in articles)
        {
            var stored = await _db.GetAsync<Article>(article.Id);
            Assert.That(stored!.Title, Is.EqualTo(article.Title));
            Assert.That(stored.Body, Is.EqualTo(article.Body));
            Assert.That(stored.Tags, Is.EqualTo(article.Tags));
            Assert.That(stored.Views, Is.EqualTo(article.Views));
            Assert.That(stored.Slug, Is.EqualTo(article.Slug));
        }
    }

    [Test]
    public async Task Works_for_Table_classes()
    {
        var counters = await InsertCountersAsync(3);
        foreach (var counter in counters)
            counter.Name += " renamed";

        var updated = await _db.UpdateManyAsync(counters);

        Assert.That(updated, Is.EqualTo(3));
        Assert.That(await _db.FetchAsync<string>("SELECT name FROM counters ORDER BY id"),
            Is.EqualTo(new[] { "counter 1 renamed", "counter 2 renamed", "counter 3 renamed" }));
    }

    [Test]
    public async Task Refreshes_UpdatedAt_on_every_Model_and_keeps_CreatedAt()
    {
        var articles = await InsertArticlesAsync(3);
        var createdAt = articles.Select(article => article.CreatedAt).ToArray();
        var insertedUpdatedAt = articles.Select(article => article.UpdatedAt).ToArray();
        foreach (var article in articles)
        {
            article.Title += " edited";
            article.CreatedAt = DateTimeOffset.UnixEpoch; // never written by an update
        }

        await _db.UpdateManyAsync(articles);

        for (var i = 0; i < articles.Count; i++)
        {
            var stored = await _db.GetAsync<Article>(articles[i].Id);
            Assert.That(articles[i].UpdatedAt, Is.GreaterThan(insertedUpdatedAt[i]));
            Assert.That(articles[i].UpdatedAt, Is.EqualTo(stored!.UpdatedAt), "the entity holds the stored updated_at");
            Assert.That(stored.CreatedAt, Is.EqualTo(createdAt[i]));
        }
        // now() is the transaction's start time: one value for all rows shows that they were updated in one transaction.
        Assert.That(articles.Select(article => article.UpdatedAt).Distinct().Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Entities_whose_key_has_no_row_are_not_counted()
    {
        var articles = await InsertArticlesAsync(2);
        var ghost = NewArticle(3);
        ghost.Id = Guid.NewGuid();
        articles.Insert(1, ghost);
        var counters = await InsertCountersAsync(2);
        counters.Add(new Counter { Id = 42, Name = "none" });

        var updatedArticles = await _db.UpdateManyAsync(articles);
        var updatedCounters = await _db.UpdateManyAsync(counters);

        Assert.That(updatedArticles, Is.EqualTo(2));
        Assert.That(updatedCounters, Is.EqualTo(2));
        Assert.That(ghost.UpdatedAt, Is.EqualTo(default(DateTimeOffset)), "no row, so nothing to refresh from");
        Assert.That(articles[2].UpdatedAt, Is.Not.EqualTo(default(DateTimeOffset)), "the entity after the missing one is still refreshed");
        Assert.That(await _db.Table<Article>().CountAsync(), Is.EqualTo(2L), "an update never inserts");
        Assert.That(await _db.GetAsync<Counter>(42), Is.Null);
    }

    [Test]
    public async Task A_unique_violation_on_the_third_of_five_changes_no_row()
    {
        var articles = await InsertArticlesAsync(5);
        var before = await StoredTitlesAsync();
        var updatedAt = articles.Select(article => article.UpdatedAt).ToArray();
        foreach (var article in articles)
            article.Title = "Changed";
        articles[2].Slug = articles[4].Slug;

        var error = Assert.ThrowsAsync<UniqueViolationException>(() => _db.UpdateManyAsync(articles));

        Assert.That(error!.ConstraintName, Is.EqualTo("uq_articles_slug"));
        Assert.That(error.TableName, Is.EqualTo("articles"));
        Assert.That(await StoredTitlesAsync(), Is.EqualTo(before), "rows 1 and 2 were rolled back with row 3");
        Assert.That(articles.Select(article => article.UpdatedAt), Is.EqualTo(updatedAt), "entities are not refreshed from a rolled-back batch");
    }

    [Test]
    public async Task A_check_violation_on_the_third_of_five_changes_no_row()
    {
        var counters = await InsertCountersAsync(5);
        foreach (var counter in counters)
            counter.Name = "changed";
        counters[2].Name = "";

        var error = Assert.ThrowsAsync<CheckViolationException>(() => _db.UpdateManyAsync(counters));

        Assert.That(error!.ConstraintName, Is.EqualTo("ck_counters_name"));
        Assert.That(await _db.FetchAsync<string>("SELECT name FROM counters ORDER BY id"),
            Is.EqualTo(Enumerable.Range(1, 5).Select(i => $"counter {i}")));
        counters[2].Name = "fixed";
        Assert.That(await _db.UpdateManyAsync(counters), Is.EqualTo(5), "the connection is usable afterwards");
    }

    [Test]
    public async Task The_whole_batch_is_one_transaction_up_to_its_commit()
    {
        var seats = new List<Seat>();
        foreach (var holder in new[] { "ada", "alan", "grace" })
            seats.Add(await _db.InsertAsync(new Seat { Holder = holder }));

        // Two rows briefly share a holder; a deferred constraint is checked only when the batch commits.
        (seats[0].Holder, seats[1].Holder) = (seats[1].Holder, seats[0].Holder);
        var swapped = await _db.UpdateManyAsync(seats);
        var updatedAt = seats.Select(seat => seat.UpdatedAt).ToArray();

        seats[2].Holder = "ada";
        var error = Assert.ThrowsAsync<UniqueViolationException>(() => _db.UpdateManyAsync(seats));

        Assert.That(swapped, Is.EqualTo(3));
        Assert.That(error!.ConstraintName, Is.EqualTo("uq_seats_holder"));
        Assert.That((await _db.GetAsync<Seat>(seats[0].Id))!.Holder, Is.EqualTo("alan"));
        Assert.That((await _db.GetAsync<Seat>(seats[1].Id))!.Holder, Is.EqualTo("ada"));
        Assert.That((await _db.GetAsync<Seat>(seats[2].Id))!.Holder, Is.EqualTo("grace"), "the failed commit changed nothing");
        Assert.That(seats.Select(seat => seat.UpdatedAt), Is.EqualTo(updatedAt), "entities are not refreshed from a failed commit");
    }

    [Test]
    public async Task Joins_a_transaction_and_rolls_back_with_it()
    {
        var articles = await InsertArticlesAsync(3);
        var before = await StoredTitlesAsync();
        foreach (var article in articles)
            article.Title = "in tx";

        Assert.ThrowsAsync<InvalidOperationException>(() => _db.TransactionAsync(async tx =>
        {
            Assert.That(await tx.UpdateManyAsync(articles), Is.EqualTo(3));
            Assert.That(await _db.UpdateManyAsync(articles.Take(1)), Is.EqualTo(1)); // the ambient transaction
            Assert.That(await tx.FetchValAsync<long>("SELECT count(*) FROM articles WHERE title = 'in tx'"), Is.EqualTo(3L));
            throw new InvalidOperationException("abort");
        }));

        Assert.That(await StoredTitlesAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Commits_with_a_transaction()
    {
        var counters = await InsertCountersAsync(3);
        foreach (var counter in counters)
            counter.Name = "committed";

        await using (var tx = await _db.BeginTransactionAsync())
        {
            Assert.That(await tx.UpdateManyAsync(counters), Is.EqualTo(3));
            await tx.CommitAsync();
        }

        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM counters WHERE name = 'committed'"), Is.EqualTo(3L));
    }

    [Test]
    public async Task NUL_is_refused_with_the_column_named_and_nothing_written()
    {
        var articles = await InsertArticlesAsync(3);
        var before = await StoredTitlesAsync();
        foreach (var article in articles)
            article.Title = "changed";
        articles[2].Title = "a\0b";

        var many = Assert.ThrowsAsync<AksaraValueException>(() => _db.UpdateManyAsync(articles));
        var single = Assert.ThrowsAsync<AksaraValueException>(() => _db.UpdateAsync(articles[2]));

        Assert.That(many!.Message, Does.Contain("column \"title\" (UpdateManyTests.Article.Title)").And.Contain("U+0000"));
        Assert.That(many.Message, Is.EqualTo(single!.Message));
        Assert.That(await StoredTitlesAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Parameters_are_checked_before_a_connection_is_taken()
    {
        // Nothing listens there: taking a connection fails with AksaraConnectionException.
        await using var unreachable = new Database("postgresql://nobody@127.0.0.1:1/none", poolMinSize: 0, poolMaxSize: 1);
        var nul = NewArticle(1);
        nul.Body = "\0";

        Assert.ThrowsAsync<AksaraValueException>(() => unreachable.UpdateManyAsync([NewArticle(0), nul]));
        Assert.ThrowsAsync<ArgumentException>(() => unreachable.UpdateManyAsync([NewArticle(0), null!]));
        Assert.That(await unreachable.UpdateManyAsync(Array.Empty<Article>()), Is.Zero);
        Assert.ThrowsAsync<AksaraConnectionException>(() => unreachable.UpdateManyAsync([NewArticle(0)]), "valid values do reach for a connection");
    }

    public static readonly string[] Hostile =
    [
        "it's",
        "say \"hi\"",
        "'; DROP TABLE canary; --",
        "\"; DROP TABLE articles; --",
        "$$; DROP TABLE canary; $$",
        "$1",
        "@Title",
        "-- not a comment",
        "/* not a comment */",
        @"C:\temp\",
        "👩‍💻🎉 ünïcödé 漢字",
        "line1\r\nline2\n",
        "",
    ];

    [Test]
    public async Task Hostile_strings_are_stored_verbatim()
    {
        var articles = await InsertArticlesAsync(Hostile.Length);
        for (var i = 0; i < articles.Count; i++)
        {
            articles[i].Title = Hostile[i];
            articles[i].Body = Hostile[(i + 1) % Hostile.Length];
            articles[i].Tags = [Hostile[i], "plain"];
        }

        Assert.That(await _db.UpdateManyAsync(articles), Is.EqualTo(Hostile.Length));

        foreach (var article in articles)
        {
            var stored = await _db.GetAsync<Article>(article.Id);
            Assert.That(stored!.Title, Is.EqualTo(article.Title));
            Assert.That(stored.Body, Is.EqualTo(article.Body));
            Assert.That(stored.Tags, Is.EqualTo(article.Tags));
        }
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM canary WHERE alive"), Is.EqualTo(1L), "the canary table survived");
        Assert.That(await _db.Table<Article>().CountAsync(), Is.EqualTo((long)Hostile.Length));
    }

    [Test]
    public async Task Composite_keys_select_the_row_by_every_key_part()
    {
        var user = Guid.NewGuid();
        var other = Guid.NewGuid();
        await _db.InsertManyAsync([
            new Membership { UserId = user, Team = "core", Role = "owner" },
            new Membership { UserId = user, Team = "docs", Role = "reader" },
            new Membership { UserId = other, Team = "core", Role = "reader" },
        ]);

        var updated = await _db.UpdateManyAsync([
            new Membership { UserId = user, Team = "core", Role = "admin" },
            new Membership { UserId = user, Team = "docs", Role = "writer" },
            new Membership { UserId = other, Team = "docs", Role = "ghost" },
        ]);

        Assert.That(updated, Is.EqualTo(2));
        Assert.That((await _db.GetAsync<Membership>((user, "core")))!.Role, Is.EqualTo("admin"));
        Assert.That((await _db.GetAsync<Membership>((user, "docs")))!.Role, Is.EqualTo("writer"));
        Assert.That((await _db.GetAsync<Membership>((other, "core")))!.Role, Is.EqualTo("reader"), "same team, other user: untouched");
        Assert.That(await _db.Table<Membership>().CountAsync(), Is.EqualTo(3L));
    }

    [Test]
    public async Task Runs_in_the_order_given()
    {
        var counters = await InsertCountersAsync(1);
        var first = new Counter { Id = 1, Name = "first" };
        var last = new Counter { Id = 1, Name = "last" };

        Assert.That(await _db.UpdateManyAsync([first, last]), Is.EqualTo(2));
        Assert.That((await _db.GetAsync<Counter>(1))!.Name, Is.EqualTo("last"));
        Assert.That(await _db.UpdateManyAsync([last, first]), Is.EqualTo(2));
        Assert.That((await _db.GetAsync<Counter>(counters[0].Id))!.Name, Is.EqualTo("first"));
    }

    [Test]
    public async Task Enumerates_the_sequence_once()
    {
        var counters = await InsertCountersAsync(3);
        var enumerations = 0;
        IEnumerable<Counter> Renamed()
        {
            enumerations++;
            foreach (var counter in counters)
                yield return new Counter { Id = counter.Id, Name = "renamed" };
        }

        Assert.That(await _db.UpdateManyAsync(Renamed()), Is.EqualTo(3));
        Assert.That(enumerations, Is.EqualTo(1));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM counters WHERE name = 'renamed'"), Is.EqualTo(3L));
    }

    [Test]
    public async Task Updates_ten_thousand_rows_in_one_call()
    {
        var counters = await InsertCountersAsync(10_000);
        foreach (var counter in counters)
            counter.Name = $"batch {counter.Id}";

        Assert.That(await _db.UpdateManyAsync(counters), Is.EqualTo(10_000));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM counters WHERE name = 'batch ' || id"), Is.EqualTo(10_000L));
    }

    [Test]
    public async Task Empty_input_returns_zero_and_null_input_is_refused()
    {
        var counters = await InsertCountersAsync(2);
        counters[0].Name = "not saved";

        Assert.That(await _db.UpdateManyAsync(Array.Empty<Counter>()), Is.Zero);
        Assert.ThrowsAsync<ArgumentNullException>(() => _db.UpdateManyAsync<Counter>(null!));
        var error = Assert.ThrowsAsync<ArgumentException>(() => _db.UpdateManyAsync([counters[0], counters[1], null!]));

        Assert.That(error!.Message, Does.Contain("index 2").And.Contain("null"));
        Assert.That(error.ParamName, Is.EqualTo("entities"));
        Assert.That(await _db.FetchAsync<string>("SELECT name FROM counters ORDER BY id"), Is.EqualTo(new[] { "counter 1", "counter 2" }));
    }
}
