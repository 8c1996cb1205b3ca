namespace Aksara.Tests.Data;

public sealed class TransactionTests : DatabaseTestBase
{
    private Database _db = null!;

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 0, poolMaxSize: 4);
        await _db.ExecuteAsync("CREATE TABLE items (name text PRIMARY KEY)");
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task EmptyAsync() => await _db.ExecuteAsync("TRUNCATE items");

    [Test]
    public async Task TransactionAsync_commits_when_the_work_returns()
    {
        await _db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("INSERT INTO items VALUES ($1)", "a");
            await _db.ExecuteAsync("INSERT INTO items VALUES ($1)", "b"); // joins the ambient transaction
        });
        Assert.That(await Names(), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public async Task TransactionAsync_rolls_back_everything_when_the_work_throws()
    {
        Assert.ThrowsAsync<InvalidOperationException>(() => _db.TransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("INSERT INTO items VALUES ($1)", "a");
            await _db.ExecuteAsync("INSERT INTO items VALUES ($1)", "b");
            throw new InvalidOperationException("boom");
        }));
        Assert.That(await Names(), Is.Empty);
    }

    [Test]
    public async Task A_COMMIT_the_server_refuses_surfaces_as_the_typed_error_and_returns_the_connection()
    {
        await _db.ExecuteAsync("CREATE TABLE IF NOT EXISTS deferred (id int, CONSTRAINT deferred_id_key UNIQUE (id) DEFERRABLE INITIALLY DEFERRED)");

        for (var i = 0; i < 6; i++) // more than the pool holds: a leaked connection would make this wait and fail
        {
            var error = Assert.ThrowsAsync<UniqueViolationException>(() => _db.TransactionAsync(async tx =>
            {
                await tx.ExecuteAsync("INSERT INTO deferred VALUES (1), (1)"); // the duplicate is only found at COMMIT
            }));
            Assert.That(error!.ConstraintName, Is.EqualTo("deferred_id_key"));
        }

        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM deferred"), Is.Zero);
    }

    [Test]
    public async Task A_failing_nested_transaction_rolls_back_only_to_its_savepoint()
    {
        await _db.TransactionAsync(async outer =>
        {
            await outer.ExecuteAsync("INSERT INTO items VALUES ($1)", "outer-before");
            Assert.ThrowsAsync<UniqueViolationException>(() => _db.TransactionAsync(async inner =>
            {
                Assert.That(inner.IsNested, Is.True);
                await inner.ExecuteAsync("INSERT INTO items VALUES ($1)", "inner");
                await inner.ExecuteAsync("INSERT INTO items VALUES ($1)", "outer-before"); // duplicate key
            }));
            await outer.ExecuteAsync("INSERT INTO items VALUES ($1)", "outer-after");
        });
        Assert.That(await Names(), Is.EqualTo(new[] { "outer-after", "outer-before" }));
    }

    [Test]
    public async Task Explicit_transactions_nest_with_savepoints_and_roll_back_on_dispose()
    {
        await using (var tx = await _db.BeginTransactionAsync())
        {
            await tx.ExecuteAsync("INSERT INTO items VALUES ($1)", "kept");
            await using (var inner = await tx.BeginTransactionAsync())
            {
                await inner.ExecuteAsync("INSERT INTO items VALUES ($1)", "undone");
                await inner.RollbackAsync();
            }
            await using (var committedInner = await tx.BeginTransactionAsync())
            {
                await committedInner.ExecuteAsync("INSERT INTO items VALUES ($1)", "inner-kept");
                await committedInner.CommitAsync();
            }
            await tx.CommitAsync();
        }
        await using (var abandoned = await _db.BeginTransactionAsync())
            await abandoned.ExecuteAsync("INSERT INTO items VALUES ($1)", "abandoned");

        Assert.That(await Names(), Is.EqualTo(new[] { "inner-kept", "kept" }));
    }

    [Test]
    public async Task Work_outside_the_transaction_does_not_see_uncommitted_rows()
    {
        await using var tx = await _db.BeginTransactionAsync();
        await tx.ExecuteAsync("INSERT INTO items VALUES ($1)", "pending");
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM items"), Is.Zero);
        Assert.That(await tx.FetchValAsync<long>("SELECT count(*) FROM items"), Is.EqualTo(1L));
    }

    [Test]
    public async Task A_finished_transaction_refuses_further_work()
    {
        var tx = await _db.BeginTransactionAsync();
        await tx.CommitAsync();
        Assert.That(async () => await tx.ExecuteAsync("SELECT 1"), Throws.InvalidOperationException.With.Message.Contains("committed"));
        await tx.DisposeAsync();
    }

    private Task<IReadOnlyList<string>> Names() => _db.FetchAsync<string>("SELECT name FROM items ORDER BY name");
}
