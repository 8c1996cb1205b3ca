using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Benchmarks;

/// <summary>
/// Creates the benchmark tables and fills them the same way every time: TechEmpower's <c>World</c> (10 000 rows, its
/// <c>random()</c> seeded with <c>setseed</c>) and <c>Fortune</c> (12 rows), plus the tables of the other benchmarks.
/// </summary>
public static class BenchmarkSeeder
{
    /// <summary>Ids of the <c>payloads</c> rows: one per variant, so that each reads back what it wrote itself.</summary>
    public const int PayloadRows = 8;

    private const string Schema = """
        DROP TABLE IF EXISTS world, fortune, items, documents, payloads, bulk_rows CASCADE;

        CREATE TABLE world (id integer NOT NULL PRIMARY KEY, randomnumber integer NOT NULL DEFAULT 0);
        SELECT setseed(0.42);
        INSERT INTO world (id, randomnumber)
        SELECT x.id, least(floor(random() * 10000 + 1), 10000) FROM generate_series(1, 10000) AS x(id);

        CREATE TABLE fortune (id integer NOT NULL PRIMARY KEY, message varchar(2048) NOT NULL);

        CREATE TABLE items (
            id uuid PRIMARY KEY,
            seq integer NOT NULL UNIQUE,
            name text NOT NULL,
            email text NOT NULL,
            price numeric(10, 2) NOT NULL,
            is_active boolean NOT NULL,
            created_at timestamptz NOT NULL);
        INSERT INTO items (id, seq, name, email, price, is_active, created_at)
        SELECT md5('item' || i)::uuid, i, 'Item ' || i, 'user' || i || '@example.com', round((i % 1000) * 1.25 + 0.99, 2),
               i % 3 <> 0, timestamptz '2024-01-01 00:00:00+00' + i * interval '1 minute'
        FROM generate_series(1, 10000) AS i;

        CREATE TABLE documents (
            id uuid PRIMARY KEY,
            title text NOT NULL,
            body jsonb NOT NULL,
            created_at timestamptz NOT NULL DEFAULT now());

        CREATE TABLE payloads (id integer PRIMARY KEY, data jsonb NOT NULL);

        CREATE TABLE bulk_rows (
            id uuid PRIMARY KEY,
            seq integer NOT NULL,
            name text NOT NULL,
            score double precision NOT NULL,
            created_at timestamptz NOT NULL);
        """;

    public static async Task SeedAsync(string databaseUrl, CancellationToken cancellationToken = default)
    {
        await using var dataSource = NpgsqlDataSource.Create(BenchmarkConnections.ConnectionString(databaseUrl));
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        await using (var schema = new NpgsqlCommand(Schema, connection))
            await schema.ExecuteNonQueryAsync(cancellationToken);

        var batch = new NpgsqlBatch(connection);
        foreach (var (id, message) in SampleData.Fortunes)
            batch.BatchCommands.Add(Command("INSERT INTO fortune (id, message) VALUES ($1, $2)", id, message));
        for (var id = 1; id <= PayloadRows; id++)
        {
            var json = JsonSerializer.Serialize(SampleData.Payload(id), BenchmarkJson.Options);
            batch.BatchCommands.Add(Command("INSERT INTO payloads (id, data) VALUES ($1, $2)", id, new NpgsqlParameter<string>
            {
                TypedValue = json,
                NpgsqlDbType = NpgsqlDbType.Jsonb,
            }));
        }
        await using (batch)
            await batch.ExecuteNonQueryAsync(cancellationToken);

        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        return command;
    }
}
