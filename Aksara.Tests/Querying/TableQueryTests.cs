using System.Linq.Expressions;

namespace Aksara.Tests.Querying;

public sealed class TableQueryTests : DatabaseTestBase
{
    private Database _db = null!;

    public enum Level { Low, Medium, High }

    [Table("tasks")]
    public sealed class Job
    {
        [PrimaryKey] public int Id { get; set; }
        public string Title { get; set; } = "";
        public string? Owner { get; set; }
        public bool IsActive { get; set; }
        public bool? Reviewed { get; set; }
        public Level Level { get; set; }
        public Level? Escalation { get; set; }
        public int Points { get; set; }
        public short Size { get; set; }
        public long? Budget { get; set; }
        public DateTimeOffset DueAt { get; set; }
        public string[] Labels { get; set; } = [];
        public List<Level> Levels { get; set; } = [];
        public Guid Key { get; set; }
    }

    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Job[] Seed =
    [
        new() { Id = 1, Title = "Write docs", Owner = "ada", IsActive = true, Reviewed = true, Level = Level.High, Points = 5, Size = 1, Budget = 100, DueAt = Start, Labels = ["docs", "urgent"], Levels = [Level.High] },
        new() { Id = 2, Title = "Fix 100% bug", Owner = "grace", IsActive = true, Reviewed = false, Level = Level.Medium, Escalation = Level.High, Points = 3, Size = 2, DueAt = Start.AddDays(1), Labels = ["bug"] },
        new() { Id = 3, Title = "Review_PR", Owner = null, IsActive = false, Level = Level.Low, Points = 1, Size = 3, Budget = 50, DueAt = Start.AddDays(2), Labels = [] },
        new() { Id = 4, Title = @"C:\path\file", Owner = "ada", IsActive = false, Level = Level.Medium, Points = 8, Size = 4, DueAt = Start.AddDays(3), Labels = ["ops", "bug"], Levels = [Level.Low, Level.Medium] },
        new() { Id = 5, Title = "write tests", Owner = "linus", IsActive = true, Level = Level.Low, Escalation = Level.Low, Points = 2, Size = 5, DueAt = Start.AddDays(4), Labels = ["tests"] },
    ];

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("""
            CREATE TABLE tasks (
                id integer PRIMARY KEY,
                title text NOT NULL,
                owner text,
                is_active boolean NOT NULL,
                reviewed boolean,
                level text NOT NULL,
                escalation text,
                points integer NOT NULL,
                size smallint NOT NULL,
                budget bigint,
                due_at timestamptz NOT NULL,
                labels text[] NOT NULL,
                levels text[] NOT NULL,
                key uuid NOT NULL
            )
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task SeedAsync()
    {
        await _db.ExecuteAsync("TRUNCATE tasks");
        foreach (var job in Seed)
            await _db.InsertAsync(job);
    }

    private Task<int[]> IdsAsync(Expression<Func<Job, bool>> predicate) => IdsAsync(_db.Table<Job>().Where(predicate));

    [Test]
    public async Task Negation_keeps_rows_whose_value_is_null_as_linq_to_objects_does()
    {
        var expected = Seed.Where(job => !(job.Budget > 60)).Select(job => job.Id).Order().ToArray();
        Assert.That(expected, Is.EqualTo(new[] { 2, 3, 4, 5 }));
        Assert.That(await IdsAsync(_db.Table<Job>().Where(job => !(job.Budget > 60))), Is.EqualTo(expected));
    }

    private static async Task<int[]> IdsAsync(TableQuery<Job> query) => (await query.OrderBy(job => job.Id).ToListAsync()).Select(job => job.Id).ToArray();

    [Test]
    public void Generated_SQL_quotes_identifiers_and_parameterizes_values()
    {
        var owner = "ada";
        var query = _db.Table<Job>().Where(job => job.Owner == owner && job.Points >= 3).OrderByDescending(job => job.DueAt).ThenBy(job => job.Id).Limit(10).Offset(20);

        Assert.That(query.ToSql(), Is.EqualTo(
            "SELECT \"id\", \"title\", \"owner\", \"is_active\", \"reviewed\", \"level\", \"escalation\", \"points\", \"size\", \"budget\", \"due_at\", \"labels\", \"levels\", \"key\" " +
            "FROM \"tasks\" WHERE (\"owner\" = $1 AND \"points\" >= $2) ORDER BY \"due_at\" DESC, \"id\" LIMIT $3 OFFSET $4"));
        Assert.That(query.Parameters, Is.EqualTo(new object[] { "ada", 3, 10L, 20L }));
    }

    [Test]
    public void Null_comparisons_become_IS_NULL_and_nullable_inequality_keeps_CSharp_semantics()
    {
        string? nobody = null;

        Assert.That(Where(job => job.Owner == null), Is.EqualTo("\"owner\" IS NULL"));
        Assert.That(Where(job => null != job.Owner), Is.EqualTo("\"owner\" IS NOT NULL"));
        Assert.That(Where(job => job.Owner == nobody), Is.EqualTo("\"owner\" IS NULL"));
        Assert.That(Where(job => job.Owner != "ada"), Is.EqualTo("\"owner\" IS DISTINCT FROM $1"));
        Assert.That(Where(job => job.Title != "x"), Is.EqualTo("\"title\" <> $1"));
        Assert.That(Where(job => job.Escalation == job.Level), Is.EqualTo("\"escalation\" IS NOT DISTINCT FROM \"level\""));
        Assert.That(Where(job => job.Budget.HasValue), Is.EqualTo("\"budget\" IS NOT NULL"));
    }

    [Test]
    public void Booleans_negation_and_mirrored_comparisons_translate()
    {
        Assert.That(Where(job => job.IsActive), Is.EqualTo("\"is_active\""));
        Assert.That(Where(job => !job.IsActive), Is.EqualTo("(\"is_active\") IS NOT TRUE"));
        Assert.That(Where(job => !(job.Points > 3 || job.IsActive)), Is.EqualTo("((\"points\" > $1 OR \"is_active\")) IS NOT TRUE"));
        Assert.That(Where(job => 3 < job.Points), Is.EqualTo("\"points\" > $1"));
        Assert.That(Where(job => job.Reviewed == true), Is.EqualTo("\"reviewed\" = $1"));
    }

    [Test]
    public void Contains_on_an_array_binds_to_MemoryExtensions_in_CSharp_14_and_becomes_ANY()
    {
        int[] ids = [1, 2];
        Expression<Func<Job, bool>> predicate = job => ids.Contains(job.Id);

        Assert.That(((MethodCallExpression)predicate.Body).Method.DeclaringType, Is.EqualTo(typeof(MemoryExtensions)), "the C# 14 span-based overload");
        var query = _db.Table<Job>().Where(predicate);
        Assert.That(query.ToSql(), Does.EndWith("WHERE \"id\" = ANY($1)"));
        Assert.That(query.Parameters[0], Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void LIKE_patterns_escape_percent_underscore_and_backslash()
    {
        var query = _db.Table<Job>().Where(job => job.Title.StartsWith(@"50%_off\"));

        Assert.That(query.ToSql(), Does.EndWith("WHERE \"title\" LIKE $1 ESCAPE '\\'"));
        Assert.That(query.Parameters[0], Is.EqualTo(@"50\%\_off\\%"));
    }

    [Test]
    public void Captured_values_are_evaluated_when_the_query_is_built()
    {
        var minimum = 2;
        var query = _db.Table<Job>().Where(job => job.Points > minimum);
        minimum = 100;

        Assert.That(query.Parameters[0], Is.EqualTo(2));
    }

    [Test]
    public void Queries_are_immutable()
    {
        var all = _db.Table<Job>();
        var active = all.Where(job => job.IsActive);
        _ = active.OrderBy(job => job.Title).Limit(1);

        Assert.That(all.ToSql(), Does.Not.Contain("WHERE"));
        Assert.That(active.ToSql(), Does.Not.Contain("ORDER BY").And.Not.Contain("LIMIT"));
    }

    [Test]
    public void Untranslatable_expressions_name_the_expression_and_suggest_raw_SQL()
    {
        var error = Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Title.ToUpper() == "X"));

        Assert.That(error!.Message, Does.Contain("job.Title.ToUpper()").And.Contain("db.FetchAsync<TableQueryTests.Job>(\"SELECT * FROM \"tasks\" WHERE … $1\", value)"));
    }

    [Test]
    public void Ordering_comparisons_on_enums_are_refused_because_text_would_compare_names()
    {
        var error = Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Level > Level.Low));

        Assert.That(error!.Message, Does.Contain("alphabetically"));
    }

    [Test]
    public void Other_unsupported_shapes_are_refused()
    {
        Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Points + 1 > 2));
        Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Title.Length > 2));
        Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Title.StartsWith(job.Owner!)));
        Assert.Throws<NotSupportedException>(() => _db.Table<Job>().Where(job => job.Title.StartsWith("a", StringComparison.CurrentCulture)));
        Assert.Throws<NotSupportedException>(() => _db.Table<Job>().OrderBy(job => job.Title.Length));
        Assert.Throws<InvalidOperationException>(() => _db.Table<Job>().ThenBy(job => job.Id));
    }

    [Test]
    public async Task Comparison_operators_select_the_right_rows()
    {
        Assert.That(await IdsAsync(job => job.Points == 3), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => job.Points != 3), Is.EqualTo(new[] { 1, 3, 4, 5 }));
        Assert.That(await IdsAsync(job => job.Points < 3), Is.EqualTo(new[] { 3, 5 }));
        Assert.That(await IdsAsync(job => job.Points <= 3), Is.EqualTo(new[] { 2, 3, 5 }));
        Assert.That(await IdsAsync(job => job.Points > 3), Is.EqualTo(new[] { 1, 4 }));
        Assert.That(await IdsAsync(job => job.Points >= 3), Is.EqualTo(new[] { 1, 2, 4 }));
        Assert.That(await IdsAsync(job => job.Size == 2), Is.EqualTo(new[] { 2 }), "short column compared with an int literal");
        Assert.That(await IdsAsync(job => job.Budget > 60), Is.EqualTo(new[] { 1 }));
    }

    [Test]
    public async Task Logical_operators_and_bool_members_select_the_right_rows()
    {
        Assert.That(await IdsAsync(job => job.IsActive && job.Points > 2), Is.EqualTo(new[] { 1, 2 }));
        Assert.That(await IdsAsync(job => job.Points > 5 || job.Owner == "linus"), Is.EqualTo(new[] { 4, 5 }));
        Assert.That(await IdsAsync(job => !job.IsActive), Is.EqualTo(new[] { 3, 4 }));
        Assert.That(await IdsAsync(job => job.IsActive), Is.EqualTo(new[] { 1, 2, 5 }));
        Assert.That(await IdsAsync(job => job.Reviewed == false), Is.EqualTo(new[] { 2 }));
        var everything = true;
        Assert.That(await IdsAsync(job => everything || job.IsActive), Is.EqualTo(new[] { 1, 2, 3, 4, 5 }));
    }

    [Test]
    public async Task Null_comparisons_select_the_right_rows()
    {
        Assert.That(await IdsAsync(job => job.Owner == null), Is.EqualTo(new[] { 3 }));
        Assert.That(await IdsAsync(job => job.Owner != null), Is.EqualTo(new[] { 1, 2, 4, 5 }));
        Assert.That(await IdsAsync(job => job.Owner != "ada"), Is.EqualTo(new[] { 2, 3, 5 }), "a NULL owner is != \"ada\", as in C#");
        Assert.That(await IdsAsync(job => job.Escalation == null), Is.EqualTo(new[] { 1, 3, 4 }));
        Assert.That(await IdsAsync(job => !job.Budget.HasValue), Is.EqualTo(new[] { 2, 4, 5 }));
    }

    [Test]
    public async Task Enums_compare_by_name()
    {
        var level = Level.Medium;

        Assert.That(await IdsAsync(job => job.Level == level), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(await IdsAsync(job => job.Level != Level.Low), Is.EqualTo(new[] { 1, 2, 4 }));
        Assert.That(await IdsAsync(job => job.Escalation == Level.High), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => new[] { Level.High, Level.Low }.Contains(job.Level)), Is.EqualTo(new[] { 1, 3, 5 }));
    }

    [Test]
    public async Task DateTimeOffset_comparisons_use_the_instant()
    {
        var cutoff = new DateTimeOffset(2025, 1, 2, 7, 0, 0, TimeSpan.FromHours(7)); // 2025-01-02 00:00 UTC

        Assert.That(await IdsAsync(job => job.DueAt >= cutoff), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        Assert.That(await IdsAsync(job => job.DueAt < cutoff.AddDays(1)), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task Collection_Contains_in_every_form_becomes_ANY()
    {
        int[] array = [2, 4, 99];
        var list = new List<int> { 1, 5 };
        var set = new HashSet<int> { 3 };
        IEnumerable<int> sequence = array.Where(id => id < 4);
        var owners = new List<string?> { "grace", null };

        Assert.That(await IdsAsync(job => array.Contains(job.Id)), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(await IdsAsync(job => list.Contains(job.Id)), Is.EqualTo(new[] { 1, 5 }));
        Assert.That(await IdsAsync(job => set.Contains(job.Id)), Is.EqualTo(new[] { 3 }));
        Assert.That(await IdsAsync(job => sequence.Contains(job.Id)), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => Array.Empty<int>().Contains(job.Id)), Is.Empty);
        Assert.That(await IdsAsync(job => owners.Contains(job.Owner)), Is.EqualTo(new[] { 2, 3 }), "null in the list matches NULL, as in C#");
        Assert.That(await IdsAsync(job => !array.Contains(job.Id)), Is.EqualTo(new[] { 1, 3, 5 }));
    }

    [Test]
    public async Task Array_columns_Contains_a_value()
    {
        Assert.That(await IdsAsync(job => job.Labels.Contains("bug")), Is.EqualTo(new[] { 2, 4 }));
        Assert.That(await IdsAsync(job => job.Levels.Contains(Level.Medium)), Is.EqualTo(new[] { 4 }));
    }

    [Test]
    public async Task String_methods_become_LIKE_with_wildcards_in_the_value_matched_literally()
    {
        Assert.That(await IdsAsync(job => job.Title.StartsWith("Write")), Is.EqualTo(new[] { 1 }));
        Assert.That(await IdsAsync(job => job.Title.StartsWith("write", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(new[] { 1, 5 }));
        Assert.That(await IdsAsync(job => job.Title.EndsWith("bug")), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => job.Title.Contains("100%")), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => job.Title.Contains("%")), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync(job => job.Title.Contains("_")), Is.EqualTo(new[] { 3 }));
        Assert.That(await IdsAsync(job => job.Title.Contains(@"\path\")), Is.EqualTo(new[] { 4 }));
        Assert.That(await IdsAsync(job => job.Title.Contains('_')), Is.EqualTo(new[] { 3 }));
        Assert.That(await IdsAsync(job => job.Owner!.StartsWith("a")), Is.EqualTo(new[] { 1, 4 }));
        Assert.That(await IdsAsync(job => string.IsNullOrEmpty(job.Owner)), Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public async Task Ordering_limit_and_offset()
    {
        var byPoints = await _db.Table<Job>().OrderByDescending(job => job.Points).ToListAsync();
        var page = await _db.Table<Job>().OrderBy(job => job.Owner).ThenByDescending(job => job.Points).Limit(2).Offset(1).ToListAsync();

        Assert.That(byPoints.Select(job => job.Id), Is.EqualTo(new[] { 4, 1, 2, 5, 3 }));
        // ada(8), ada(5), grace, linus, NULL — NULLs last ascending, as PostgreSQL orders them.
        Assert.That(page.Select(job => job.Id), Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public async Task FirstOrDefault_Count_and_Exists()
    {
        var active = _db.Table<Job>().Where(job => job.IsActive);

        Assert.That((await active.OrderBy(job => job.Points).FirstOrDefaultAsync())!.Id, Is.EqualTo(5));
        Assert.That(await active.Where(job => job.Points > 100).FirstOrDefaultAsync(), Is.Null);
        Assert.That(await active.CountAsync(), Is.EqualTo(3L));
        Assert.That(await active.Limit(2).CountAsync(), Is.EqualTo(2L));
        Assert.That(await active.Offset(2).CountAsync(), Is.EqualTo(1L));
        Assert.That(await active.ExistsAsync(), Is.True);
        Assert.That(await active.Where(job => job.Owner == "nobody").ExistsAsync(), Is.False);
        Assert.That(await _db.Table<Job>().CountAsync(), Is.EqualTo(5L));
    }

    [Test]
    public async Task DeleteAsync_deletes_the_matching_rows()
    {
        var deleted = await _db.Table<Job>().Where(job => !job.IsActive).DeleteAsync();
        var deletedFirst = await _db.Table<Job>().OrderByDescending(job => job.Points).Limit(1).DeleteAsync();

        Assert.That(deleted, Is.EqualTo(2));
        Assert.That(deletedFirst, Is.EqualTo(1));
        Assert.That(await IdsAsync(_db.Table<Job>()), Is.EqualTo(new[] { 2, 5 }));
    }

    [Test]
    public async Task Typed_queries_run_in_transactions()
    {
        await using var tx = await _db.BeginTransactionAsync();
        await tx.Table<Job>().DeleteAsync();

        Assert.That(await tx.Table<Job>().CountAsync(), Is.Zero);
        Assert.That(await _db.Table<Job>().CountAsync(), Is.EqualTo(5L), "uncommitted work is invisible outside");
    }

    private string Where(Expression<Func<Job, bool>> predicate)
    {
        var sql = _db.Table<Job>().Where(predicate).ToSql();
        return sql[(sql.IndexOf(" WHERE ", StringComparison.Ordinal) + 7)..];
    }
}
