using System.Linq.Expressions;
using Aksara.Querying;

namespace Aksara.Tests.Querying;

/// <summary>
/// Typed queries are translated once per expression shape and reused with each call's values. Every query here runs
/// its shape several times (the first call translates, the second compiles the value reader, later ones reuse both),
/// and checks each call's rows against LINQ to Objects on the same data.
/// </summary>
public sealed class PredicateCacheTests : DatabaseTestBase
{
    private const int Sightings = 4;

    private Database _db = null!;

    [Table("cached_jobs")]
    public sealed class CachedJob
    {
        [PrimaryKey] public int Id { get; set; }
        public string Title { get; set; } = "";
        public string? Owner { get; set; }
        public int Points { get; set; }
        public string[] Labels { get; set; } = [];
    }

    public sealed class Filter
    {
        public Filter? Inner { get; set; }
        public int Minimum { get; set; }
    }

    private static readonly CachedJob[] Seed =
    [
        new() { Id = 1, Title = "Write docs", Owner = "ada", Points = 5, Labels = ["docs"] },
        new() { Id = 2, Title = "Fix 100% bug", Owner = "grace", Points = 3, Labels = ["bug"] },
        new() { Id = 3, Title = "Review_PR", Owner = null, Points = 1, Labels = [] },
        new() { Id = 4, Title = @"C:\path\file", Owner = "ada", Points = 8, Labels = ["ops", "bug"] },
        new() { Id = 5, Title = "write tests", Owner = "linus", Points = 2, Labels = ["tests"] },
    ];

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("CREATE TABLE cached_jobs (id integer PRIMARY KEY, title text NOT NULL, owner text, points integer NOT NULL, labels text[] NOT NULL)");
        foreach (var job in Seed)
            await _db.InsertAsync(job);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    private async Task<int[]> IdsAsync(Expression<Func<CachedJob, bool>> predicate) =>
        (await _db.Table<CachedJob>().Where(predicate).OrderBy(job => job.Id).ToListAsync()).Select(job => job.Id).ToArray();

    private static int[] Expected(Func<CachedJob, bool> predicate) => Seed.Where(predicate).Select(job => job.Id).Order().ToArray();

    [Test]
    public async Task The_same_shape_with_different_values_selects_the_right_rows_each_time()
    {
        // One closure whose variable changes: every call reads it anew.
        for (var minimum = 0; minimum <= 9; minimum++)
            Assert.That(await IdsAsync(job => job.Points > minimum), Is.EqualTo(Expected(job => job.Points > minimum)), $"Points > {minimum}");
    }

    [Test]
    public async Task Closures_made_in_a_loop_keep_the_value_each_had_when_Where_was_called()
    {
        var queries = new List<(int Id, TableQuery<CachedJob> Query)>();
        foreach (var job in Seed)
        {
            var id = job.Id;
            queries.Add((id, _db.Table<CachedJob>().Where(row => row.Id == id)));
        }

        foreach (var (id, query) in queries)
            Assert.That((await query.ToListAsync()).Select(job => job.Id), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task A_null_captured_value_is_IS_NULL_and_a_non_null_one_a_parameter_in_any_order()
    {
        string?[] owners = ["ada", null, "grace", null, null, "ada", "nobody"];
        foreach (var owner in owners)
        {
            var query = _db.Table<CachedJob>().Where(job => job.Owner == owner);
            Assert.That(query.ToSql(), owner is null ? Does.EndWith("WHERE \"owner\" IS NULL") : Does.EndWith("WHERE \"owner\" = $1"));
            Assert.That(await IdsAsync(job => job.Owner == owner), Is.EqualTo(Expected(job => job.Owner == owner)), $"owner {owner ?? "null"}");
            Assert.That(await IdsAsync(job => job.Owner != owner), Is.EqualTo(Expected(job => job.Owner != owner)), $"owner != {owner ?? "null"}");
        }
    }

    [Test]
    public async Task Different_constants_of_one_shape_each_select_their_rows()
    {
        for (var i = 0; i < Sightings; i++)
        {
            Assert.That(await IdsAsync(job => job.Points > 3), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(await IdsAsync(job => job.Points > 5), Is.EqualTo(new[] { 4 }));
            Assert.That(await IdsAsync(job => job.Owner == "ada"), Is.EqualTo(new[] { 1, 4 }));
            Assert.That(await IdsAsync(job => job.Owner == null), Is.EqualTo(new[] { 3 }));
            Assert.That(await IdsAsync(job => job.Owner == "linus"), Is.EqualTo(new[] { 5 }));
        }
    }

    [Test]
    public async Task A_list_holding_null_also_matches_NULL_and_one_without_does_not()
    {
        List<string?>[] lists = [["grace"], ["grace", null], [], [null], ["ada", "linus"], ["grace", null]];
        foreach (var owners in lists)
        {
            Assert.That(await IdsAsync(job => owners.Contains(job.Owner)), Is.EqualTo(Expected(job => owners.Contains(job.Owner))), $"[{string.Join(", ", owners)}]");
            Assert.That(await IdsAsync(job => !owners.Contains(job.Owner)), Is.EqualTo(Expected(job => !owners.Contains(job.Owner))), $"not [{string.Join(", ", owners)}]");
        }
    }

    [Test]
    public async Task Arrays_empty_or_not_select_their_rows()
    {
        int[][] arrays = [[1, 2], [], [5], [], [3, 4, 99]];
        foreach (var ids in arrays)
            Assert.That(await IdsAsync(job => ids.Contains(job.Id)), Is.EqualTo(Expected(job => ids.Contains(job.Id))), $"[{string.Join(", ", ids)}]");
    }

    [Test]
    public async Task LIKE_patterns_are_escaped_for_each_value()
    {
        string[] fragments = ["%", "write", "_", @"\path\", "100%", "x", "_"];
        foreach (var fragment in fragments)
        {
            Assert.That(await IdsAsync(job => job.Title.Contains(fragment)), Is.EqualTo(Expected(job => job.Title.Contains(fragment, StringComparison.Ordinal))), fragment);
            Assert.That(await IdsAsync(job => job.Title.StartsWith(fragment)), Is.EqualTo(Expected(job => job.Title.StartsWith(fragment, StringComparison.Ordinal))), fragment);
        }
    }

    [Test]
    public async Task A_captured_StringComparison_chooses_LIKE_or_ILIKE_on_each_call()
    {
        StringComparison[] comparisons = [StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase, StringComparison.Ordinal, StringComparison.OrdinalIgnoreCase, StringComparison.OrdinalIgnoreCase];
        foreach (var comparison in comparisons)
        {
            var query = _db.Table<CachedJob>().Where(job => job.Title.StartsWith("write", comparison));
            Assert.That(query.ToSql(), Does.Contain(comparison == StringComparison.Ordinal ? "\"title\" LIKE $1" : "\"title\" ILIKE $1"));
            Assert.That(await IdsAsync(job => job.Title.StartsWith("write", comparison)), Is.EqualTo(Expected(job => job.Title.StartsWith("write", comparison))));
        }

        var culture = StringComparison.CurrentCulture;
        Assert.Throws<NotSupportedException>(() => _db.Table<CachedJob>().Where(job => job.Title.StartsWith("write", culture)));
    }

    [Test]
    public void Values_the_SQL_cannot_take_are_refused_after_the_shape_is_cached_as_before()
    {
        for (var i = 0; i < Sightings; i++)
        {
            string? pattern = "a";
            Assert.That(Translate(pattern), Does.Contain("LIKE $1"));
            pattern = null;
            Assert.Throws<ArgumentNullException>(() => Translate(pattern));

            List<int>? ids = [1];
            _ = _db.Table<CachedJob>().Where(job => ids.Contains(job.Id)).ToSql();
            ids = null;
            Assert.Throws<ArgumentNullException>(() => _db.Table<CachedJob>().Where(job => ids!.Contains(job.Id)));

            string? label = "bug";
            _ = _db.Table<CachedJob>().Where(job => job.Labels.Contains(label)).ToSql();
            label = null;
            Assert.Throws<NotSupportedException>(() => _db.Table<CachedJob>().Where(job => job.Labels.Contains(label)));

            int? points = 3;
            _ = _db.Table<CachedJob>().Where(job => job.Points > points).ToSql();
            points = null;
            Assert.Throws<NotSupportedException>(() => _db.Table<CachedJob>().Where(job => job.Points > points));

            var title = "ok";
            _ = _db.Table<CachedJob>().Where(job => job.Title == title).ToSql();
            title = "nul\0";
            var error = Assert.Throws<AksaraValueException>(() => _db.Table<CachedJob>().Where(job => job.Title == title));
            Assert.That(error!.Message, Does.Contain("job.Title == "), "the error names the expression");

            var filter = new Filter { Inner = new Filter { Minimum = 2 } };
            _ = _db.Table<CachedJob>().Where(job => job.Points > filter.Inner!.Minimum).ToSql();
            filter.Inner = null;
            var nullChain = Assert.Throws<NullReferenceException>(() => _db.Table<CachedJob>().Where(job => job.Points > filter.Inner!.Minimum));
            Assert.That(nullChain!.Message, Does.Contain("cannot be read while building the query"));
        }

        string Translate(string? pattern) => _db.Table<CachedJob>().Where(job => job.Title.StartsWith(pattern!)).ToSql();
    }

    [Test]
    public void Queries_of_one_shape_share_one_translation_and_one_SELECT_text()
    {
        var texts = new List<string>();
        for (var minimum = 0; minimum < Sightings; minimum++)
            texts.Add(_db.Table<CachedJob>().Where(job => job.Points > minimum).OrderBy(job => job.Title).Limit(3).ToSql());

        Assert.That(texts, Has.All.SameAs(texts[0]), "the same string instance: the text was assembled once");
        Assert.That(texts[0], Does.EndWith("WHERE \"points\" > $1 ORDER BY \"title\" LIMIT $2"));
    }

    [Test]
    public void Each_captured_value_is_evaluated_once_per_Where()
    {
        var evaluations = 0;
        Func<int> next = () => ++evaluations;

        for (var i = 1; i <= 6; i++)
        {
            var query = _db.Table<CachedJob>().Where(job => job.Points > next());
            Assert.That(evaluations, Is.EqualTo(i));
            Assert.That(query.Parameters, Is.EqualTo(new object[] { i }));
        }
    }

    [Test]
    public async Task Several_conditions_ordering_and_limits_of_one_shape_number_their_parameters_per_call()
    {
        for (var minimum = 0; minimum < 6; minimum++)
        {
            string? owner = minimum % 2 == 0 ? "ada" : null;
            var query = _db.Table<CachedJob>()
                .Where(job => job.Points >= minimum)
                .Where(job => job.Owner != owner)
                .OrderByDescending(job => job.Points)
                .Limit(2 + minimum)
                .Offset(minimum % 2);
            var expected = Seed.Where(job => job.Points >= minimum && job.Owner != owner).OrderByDescending(job => job.Points)
                .Skip(minimum % 2).Take(2 + minimum).Select(job => job.Id).ToArray();

            Assert.That((await query.ToListAsync()).Select(job => job.Id), Is.EqualTo(expected), $"minimum {minimum}, owner {owner ?? "null"}");
            Assert.That(query.Parameters, Is.EqualTo(owner is null
                ? new object[] { minimum, 2L + minimum, (long)(minimum % 2) }
                : new object[] { minimum, owner, 2L + minimum, (long)(minimum % 2) }));
            Assert.That(query.ToSql(), Does.EndWith(owner is null
                ? "WHERE (\"points\" >= $1) AND (\"owner\" IS NOT NULL) ORDER BY \"points\" DESC LIMIT $2 OFFSET $3"
                : "WHERE (\"points\" >= $1) AND (\"owner\" IS DISTINCT FROM $2) ORDER BY \"points\" DESC LIMIT $3 OFFSET $4"));
        }
    }

    [Test]
    public void The_cache_stays_within_its_bound_when_predicates_are_built_without_end()
    {
        var row = Expression.Parameter(typeof(CachedJob), "job");
        var points = Expression.Property(row, nameof(CachedJob.Points));
        var id = Expression.Property(row, nameof(CachedJob.Id));

        // 2^11 shapes: bit b of n picks which column the b-th comparison reads.
        for (var n = 0; n < PredicateCache.Capacity + 200; n++)
        {
            Expression body = Expression.Constant(true);
            for (var bit = 0; bit < 11; bit++)
                body = Expression.AndAlso(body, Expression.NotEqual((n & (1 << bit)) == 0 ? id : points, Expression.Constant(-bit - 1)));
            var predicate = Expression.Lambda<Func<CachedJob, bool>>(body, row);

            _ = _db.Table<CachedJob>().Where(predicate).ToSql();
            Assert.That(PredicateCache.Count, Is.LessThanOrEqualTo(PredicateCache.Capacity));
        }

        var minimum = 4;
        Assert.That(_db.Table<CachedJob>().Where(job => job.Points > minimum).Parameters, Is.EqualTo(new object[] { 4 }));
    }
}
