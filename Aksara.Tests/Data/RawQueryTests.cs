
namespace Aksara.Tests.Data;

public sealed class RawQueryTests : DatabaseTestBase
{
    private Database _db = null!;

    private sealed class Customer
    {
        public int Id { get; set; }
        public string FullName { get; set; } = "";
        public string? Email { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
    }

    [OneTimeSetUp]
    public async Task CreateSchemaAsync()
    {
        _db = new Database(DatabaseUrl, poolMinSize: 1, poolMaxSize: 5);
        await _db.ExecuteAsync("""
            CREATE TABLE customers (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                full_name text NOT NULL,
                email text UNIQUE,
                created_at timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT ck_customers_name CHECK (full_name <> '')
            );
            CREATE TABLE orders (
                id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                customer_id integer NOT NULL REFERENCES customers(id)
            );
            """);
    }

    [OneTimeTearDown]
    public async Task DisposeDatabaseAsync() => await _db.DisposeAsync();

    [SetUp]
    public async Task EmptyTablesAsync() => await _db.ExecuteAsync("TRUNCATE orders, customers RESTART IDENTITY");

    [Test]
    public async Task Positional_parameters_reach_the_server_unrewritten_with_their_types()
    {
        const string sql = "SELECT query FROM pg_stat_activity WHERE pid = pg_backend_pid() AND $1::bigint = $1 AND '@literal' <> $2";
        var seen = await _db.FetchValAsync<string>(sql, 42L, "x");
        Assert.That(seen, Is.EqualTo(sql), "the server must receive the SQL exactly as written");

        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", 42L), Is.EqualTo("bigint"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", 42), Is.EqualTo("integer"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", 1.5m), Is.EqualTo("numeric"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", Guid.NewGuid()), Is.EqualTo("uuid"));
        Assert.That(await _db.FetchValAsync<string>("SELECT pg_typeof($1)::text", true), Is.EqualTo("boolean"));
    }

    [Test]
    public async Task FetchValAsync_reads_scalars_and_null()
    {
        await InsertCustomersAsync("Ada", "Grace", "Linus");
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM customers"), Is.EqualTo(3L));
        Assert.That(await _db.FetchValAsync<string>("SELECT email FROM customers WHERE full_name = $1", "Ada"), Is.Null);
        Assert.That(await _db.FetchValAsync<int?>("SELECT NULL::integer"), Is.Null);
        Assert.That(await _db.FetchValAsync<int?>("SELECT 7"), Is.EqualTo(7));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM customers WHERE full_name = $1", "nobody"), Is.Zero);
    }

    [Test]
    public async Task FetchRowAsync_maps_snake_case_columns_and_returns_null_when_absent()
    {
        await InsertCustomersAsync("Ada Lovelace");
        var row = await _db.FetchRowAsync<Customer>("SELECT * FROM customers WHERE full_name = $1", "Ada Lovelace");
        Assert.That(row, Is.Not.Null);
        Assert.That(row!.FullName, Is.EqualTo("Ada Lovelace"));
        Assert.That(row.CreatedAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)));

        Assert.That(await _db.FetchRowAsync<Customer>("SELECT * FROM customers WHERE id = $1", -1), Is.Null);
    }

    [Test]
    public async Task FetchAsync_returns_every_row_in_order()
    {
        await InsertCustomersAsync("c", "a", "b");
        var rows = await _db.FetchAsync<Customer>("SELECT * FROM customers WHERE id > $1 ORDER BY full_name", 0);
        Assert.That(rows.Select(r => r.FullName), Is.EqualTo(new[] { "a", "b", "c" }));

        var names = await _db.FetchAsync<string>("SELECT full_name FROM customers ORDER BY id");
        Assert.That(names, Is.EqualTo(new[] { "c", "a", "b" }));
    }

    [Test]
    public async Task FetchAsync_without_a_type_gives_dictionaries_keyed_by_column()
    {
        await InsertCustomersAsync("Ada");
        var rows = await _db.FetchAsync("SELECT id, full_name, email FROM customers");
        var row = (IReadOnlyDictionary<string, object>)rows.Single();
        Assert.That(row["full_name"], Is.EqualTo("Ada"));
        Assert.That(row["email"], Is.Null);
        Assert.That(row.Keys, Is.EqualTo(new[] { "id", "full_name", "email" }));
    }

    [TestCase("O'Brien")]
    [TestCase("'; DROP TABLE customers; --")]
    [TestCase("\"quoted\" \\ back\\slash % _")]
    [TestCase("Zoë 🚀 日本語")]
    [TestCase("$1 $2 @name ?")]
    public async Task Hostile_values_are_stored_verbatim_and_never_change_the_statement(string hostile)
    {
        var affected = await _db.ExecuteAsync("INSERT INTO customers (full_name, email) VALUES ($1, $2)", hostile, hostile);
        Assert.That(affected, Is.EqualTo(1));
        var back = await _db.FetchValAsync<string>("SELECT full_name FROM customers WHERE email = $1", hostile);
        Assert.That(back, Is.EqualTo(hostile));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM customers"), Is.EqualTo(1L), "the table is intact");
    }

    [Test]
    public async Task A_NUL_character_in_text_is_a_clear_error_not_a_truncation()
    {
        Assert.That(async () => await _db.ExecuteAsync("INSERT INTO customers (full_name) VALUES ($1)", "before\0after"),
            Throws.TypeOf<AksaraValueException>().With.Message.Contains("NUL character"));
        Assert.That(await _db.FetchValAsync<long>("SELECT count(*) FROM customers"), Is.Zero);
    }

    [Test]
    public async Task A_lone_string_array_is_one_array_parameter()
    {
        await InsertCustomersAsync("Ada", "Grace", "Linus");
        string[] wanted = ["Ada", "Linus"];
        var names = await _db.FetchAsync<string>("SELECT full_name FROM customers WHERE full_name = ANY($1) ORDER BY full_name", wanted);
        Assert.That(names, Is.EqualTo(new[] { "Ada", "Linus" }));
        Assert.That(await _db.ExecuteAsync("DELETE FROM customers WHERE full_name = ANY($1)", wanted), Is.EqualTo(2));
    }

    [Test]
    public async Task Named_parameters_go_through_dapper()
    {
        var affected = await _db.ExecuteAsync("INSERT INTO customers (full_name, email) VALUES (@Name, @Email)", new { Name = "Ada", Email = "ada@example.com" });
        Assert.That(affected, Is.EqualTo(1));
        var rows = await _db.QueryAsync<Customer>("SELECT * FROM customers WHERE email = @Email", new { Email = "ada@example.com" });
        Assert.That(rows.Single().FullName, Is.EqualTo("Ada"));
    }

    [Test]
    public async Task A_single_argument_with_dollar_one_is_positional()
    {
        await InsertCustomersAsync("Ada", "Grace");
        var deleted = await _db.ExecuteAsync("DELETE FROM customers WHERE full_name = $1", (object)"Ada");
        Assert.That(deleted, Is.EqualTo(1));
    }

    [Test]
    public async Task Constraint_violations_become_typed_exceptions_with_names()
    {
        await _db.ExecuteAsync("INSERT INTO customers (full_name, email) VALUES ($1, $2)", "Ada", "ada@example.com");

        var unique = Assert.ThrowsAsync<UniqueViolationException>(() =>
            _db.ExecuteAsync("INSERT INTO customers (full_name, email) VALUES ($1, $2)", "Other", "ada@example.com"));
        Assert.That(unique!.ConstraintName, Is.EqualTo("customers_email_key"));
        Assert.That(unique.TableName, Is.EqualTo("customers"));

        var notNull = Assert.ThrowsAsync<NotNullViolationException>(() =>
            _db.ExecuteAsync("INSERT INTO customers (full_name) VALUES ($1)", (object?)null));
        Assert.That(notNull!.ColumnName, Is.EqualTo("full_name"));

        var check = Assert.ThrowsAsync<CheckViolationException>(() =>
            _db.ExecuteAsync("INSERT INTO customers (full_name) VALUES ($1)", ""));
        Assert.That(check!.ConstraintName, Is.EqualTo("ck_customers_name"));

        var foreignKey = Assert.ThrowsAsync<ForeignKeyViolationException>(() =>
            _db.ExecuteAsync("INSERT INTO orders (customer_id) VALUES ($1)", 999));
        Assert.That(foreignKey!.ConstraintName, Is.EqualTo("orders_customer_id_fkey"));
    }

    [Test]
    public async Task Cancellation_stops_a_running_query()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        Assert.That(async () => await _db.ExecuteAsync("SELECT pg_sleep(30)", cancel.Token),
            Throws.InstanceOf<OperationCanceledException>());
        Assert.That(await _db.FetchValAsync<int>("SELECT 1"), Is.EqualTo(1), "the pool still works afterwards");
    }

    private async Task InsertCustomersAsync(params string[] names)
    {
        foreach (var name in names)
            await _db.ExecuteAsync("INSERT INTO customers (full_name) VALUES ($1)", name);
    }
}
