using Aksara.LocalDevelopment;
using Npgsql;

namespace Aksara.Tests.LocalDevelopment;

/// <summary>Creating a database unless it exists, as the local development database and <c>aksara dbsetup</c> do.</summary>
public sealed class DatabaseCreationTests
{
    [Test]
    public async Task Creates_a_missing_database_and_leaves_an_existing_one()
    {
        var server = await TestServer.GetServerAsync();
        var name = DatabaseTestBase.NewDatabaseName(GetType());
        try
        {
            Assert.That(await CreateAsync(server.ConnectionString, name), Is.True);
            Assert.That(await CreateAsync(server.ConnectionString, name), Is.False);
        }
        finally
        {
            await DropAsync(server.ConnectionString, name);
        }
    }

    [Test]
    public async Task Concurrent_creations_of_one_name_all_succeed_and_one_of_them_creates_it()
    {
        // Sessions that all pass the existence check then race on CREATE DATABASE: the losers get 42P04, or 23505 on
        // pg_database's name index, and take the database the winner made.
        var server = await TestServer.GetServerAsync();
        for (var round = 0; round < 5; round++)
        {
            var name = DatabaseTestBase.NewDatabaseName(GetType());
            try
            {
                using var start = new SemaphoreSlim(0);
                var sessions = Enumerable.Range(0, 6).Select(async _ =>
                {
                    await using var admin = await OpenAsync(server.ConnectionString);
                    await start.WaitAsync();
                    return await DatabaseCreation.CreateIfMissingAsync(admin, name, CancellationToken.None);
                }).ToList();
                start.Release(sessions.Count);

                var created = await Task.WhenAll(sessions);

                Assert.That(created.Count(c => c), Is.EqualTo(1), $"round {round}");
            }
            finally
            {
                await DropAsync(server.ConnectionString, name);
            }
        }
    }

    static async Task<bool> CreateAsync(string connectionString, string name)
    {
        await using var admin = await OpenAsync(connectionString);
        return await DatabaseCreation.CreateIfMissingAsync(admin, name, CancellationToken.None);
    }

    static async Task DropAsync(string connectionString, string name)
    {
        await using var admin = await OpenAsync(connectionString);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseNames.QuoteIdentifier(name)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
