using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Aksara.Benchmarks;

/// <summary>
/// Write a document of about 1 KB to a jsonb column and read it back into objects: two statements, serialization both
/// ways, on one connection. Each variant works on a row of its own (EF Core writes its own JSON layout).
/// </summary>
public class JsonbRoundTripBenchmarks : DatabaseBenchmark
{
    private const string Update = "UPDATE payloads SET data = $1 WHERE id = $2";
    private const string UpdateWithCast = "UPDATE payloads SET data = $1::jsonb WHERE id = $2";
    private const string Select = "SELECT id, data FROM payloads WHERE id = $1";
    private const string DapperUpdate = "UPDATE payloads SET data = CAST(@data AS jsonb) WHERE id = @id";
    private const string DapperSelect = "SELECT data FROM payloads WHERE id = @id";

    private readonly Payload _payload = SampleData.Payload(0);

    private PayloadRow NextRow(int id)
    {
        _payload.Version++;
        return new PayloadRow { Id = id, Data = _payload };
    }

    [Benchmark(Baseline = true)]
    public async Task<PayloadRow> HandWrittenNpgsql()
    {
        var row = NextRow(1);
        await using var connection = await DataSource.OpenConnectionAsync();
        await using (var update = new NpgsqlCommand(Update, connection))
        {
            update.Parameters.Add(new NpgsqlParameter<string>
            {
                TypedValue = JsonSerializer.Serialize(row.Data, BenchmarkJson.Options),
                NpgsqlDbType = NpgsqlDbType.Jsonb,
            });
            update.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Id });
            await update.ExecuteNonQueryAsync();
        }
        await using var select = new NpgsqlCommand(Select, connection);
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = row.Id });
        await using var reader = await select.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new PayloadRow { Id = reader.GetInt32(0), Data = JsonSerializer.Deserialize<Payload>(reader.GetString(1), BenchmarkJson.Options)! };
    }

    [Benchmark]
    public async Task<PayloadRow> PlainDapper()
    {
        var row = NextRow(2);
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(DapperUpdate, new { data = JsonSerializer.Serialize(row.Data, BenchmarkJson.Options), id = row.Id });
        var json = await connection.QueryFirstAsync<string>(DapperSelect, new { id = row.Id });
        return new PayloadRow { Id = row.Id, Data = JsonSerializer.Deserialize<Payload>(json, BenchmarkJson.Options)! };
    }

    [Benchmark]
    public async Task<PayloadRow> EfCoreCompiled()
    {
        var row = NextRow(3);
        await using var db = EfContexts.CreateDbContext();
        db.Payloads.Update(row);
        await db.SaveChangesAsync();
        return (await CompiledQueries.PayloadById(db, row.Id))!;
    }

    [Benchmark]
    public async Task<PayloadRow> AksaraRaw()
    {
        var row = NextRow(4);
        await using var session = await Db.OpenSessionAsync();
        await session.ExecuteAsync(UpdateWithCast, JsonSerializer.Serialize(row.Data, BenchmarkJson.Options), row.Id);
        return (await session.FetchRowAsync<PayloadRow>(Select, row.Id))!;
    }

    [Benchmark]
    public async Task<PayloadRow> AksaraCrud()
    {
        var row = NextRow(5);
        await using var session = await Db.OpenSessionAsync();
        await session.UpdateAsync(row);
        return (await session.GetAsync<PayloadRow>(row.Id))!;
    }
}
