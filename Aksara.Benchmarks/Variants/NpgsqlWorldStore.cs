using System.Data;
using Npgsql;

namespace Aksara.Benchmarks;

/// <summary>The baseline: hand-written Npgsql, typed parameters, typed getters, one connection per operation.</summary>
public sealed class NpgsqlWorldStore(NpgsqlDataSource dataSource) : IWorldStore
{
    public async Task<World?> GetWorldAsync(int id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ReadWorldAsync(connection, id);
    }

    public async Task<World[]> GetWorldsAsync(int[] ids)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
            worlds[i] = (await ReadWorldAsync(connection, ids[i]))!;
        return worlds;
    }

    public async Task<IReadOnlyList<Fortune>> GetFortunesAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(WorldSql.AllFortunes, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var fortunes = new List<Fortune>(16);
        while (await reader.ReadAsync())
            fortunes.Add(new Fortune { Id = reader.GetInt32(0), Message = reader.GetString(1) });
        return fortunes;
    }

    public async Task<World[]> UpdateWorldsAsync(int[] ids, int[] newNumbers)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var worlds = new World[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            worlds[i] = (await ReadWorldAsync(connection, ids[i]))!;
            worlds[i].RandomNumber = newNumbers[i];
        }
        var (sortedIds, numbers) = WorldSql.SortedForUpdate(worlds);
        await using var update = new NpgsqlCommand(WorldSql.UpdateWorlds, connection);
        update.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = sortedIds });
        update.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = numbers });
        await update.ExecuteNonQueryAsync();
        return worlds;
    }

    private static async Task<World?> ReadWorldAsync(NpgsqlConnection connection, int id)
    {
        await using var command = new NpgsqlCommand(WorldSql.WorldById, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow);
        return await reader.ReadAsync() ? new World { Id = reader.GetInt32(0), RandomNumber = reader.GetInt32(1) } : null;
    }
}
