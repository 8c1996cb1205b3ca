using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Benchmarks;

/// <summary>Insert one row with a uuid key and a jsonb body, getting back the server-set <c>created_at</c>.</summary>
public class InsertDocumentBenchmarks : DatabaseBenchmark
{
    private const string Sql = "INSERT INTO documents (id, title, body) VALUES ($1, $2, $3) RETURNING created_at";
    private const string SqlWithCast = "INSERT INTO documents (id, title, body) VALUES ($1, $2, $3::jsonb) RETURNING created_at";
    private const string DapperSql = "INSERT INTO documents (id, title, body) VALUES (@Id, @Title, CAST(@Body AS jsonb)) RETURNING created_at";

    private int _revision;

    protected override Task SetupAsync()
    {
        BenchmarkSql.Execute("TRUNCATE documents");
        return Task.CompletedTask;
    }

    private Document NextDocument() => SampleData.NewDocument(++_revision);

    [Benchmark(Baseline = true)]
    public async Task<Document> HandWrittenNpgsql()
    {
        var document = NextDocument();
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = document.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = document.Title });
        command.Parameters.Add(new NpgsqlParameter<string>
        {
            TypedValue = JsonSerializer.Serialize(document.Body, BenchmarkJson.Options),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        document.CreatedAt = (DateTime)(await command.ExecuteScalarAsync())!;
        return document;
    }

    [Benchmark]
    public async Task<Document> PlainDapper()
    {
        var document = NextDocument();
        await using var connection = DataSource.CreateConnection();
        document.CreatedAt = await connection.ExecuteScalarAsync<DateTime>(DapperSql, new
        {
            document.Id,
            document.Title,
            Body = JsonSerializer.Serialize(document.Body, BenchmarkJson.Options),
        });
        return document;
    }

    [Benchmark]
    public async Task<Document> EfCoreCompiled()
    {
        var document = NextDocument();
        await using var db = EfContexts.CreateDbContext();
        db.Documents.Add(document);
        await db.SaveChangesAsync();
        return document;
    }

    [Benchmark]
    public async Task<Document> AksaraRaw()
    {
        var document = NextDocument();
        document.CreatedAt = await Db.FetchValAsync<DateTime>(SqlWithCast,
            document.Id, document.Title, JsonSerializer.Serialize(document.Body, BenchmarkJson.Options));
        return document;
    }

    /// <summary><c>InsertAsync</c> returns every column (<c>RETURNING</c> the whole row) and copies it into the entity.</summary>
    [Benchmark]
    public Task<Document> AksaraCrud() => Db.InsertAsync(NextDocument());
}
