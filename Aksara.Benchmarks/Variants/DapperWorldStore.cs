using Dapper;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>Plain Dapper as its README shows it: <c>@name</c> parameters from anonymous objects, one connection per operation.</summary>
public sealed class DapperWorldStore(NpgsqlDataSource dataSource) : IWorldStore
{
    public async Task<World?> GetWorldAsync(int id)
    {
        await using var connection = dataSource.CreateConnection();
        return await connection.QueryFirstOrDefaultAsync<World>(WorldSql.DapperWorldById, new { id });
    }

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = await connection.QueryFirstAsync<World>(WorldSql.DapperWorldById, new { id = ids[i] });
        return worlds;
    }

    public async Task<IReadOnlyList<Fortune>> GetFortunesAsync()
    {
        await using var connection = dataSource.CreateConnection();
        return (await connection.QueryAsync<Fortune>(WorldSql.AllFortunes)).AsList();
    }

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = await connection.QueryFirstAsync<World>(WorldSql.DapperWorldById, new { id = ids[i] });
            worlds[i].RandomNumber = newNumbers[i];
        }
        var (sortedIds, numbers) = WorldSql.SortedForUpdate(worlds);
        await connection.ExecuteAsync(WorldSql.DapperUpdateWorlds, new { ids = sortedIds, numbers });
        return worlds;
    }
}
