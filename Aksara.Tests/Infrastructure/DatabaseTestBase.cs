using System.Security.Cryptography;
using System.Text;
using Aksara.Data;
using Aksara.Testing;
using Npgsql;

namespace Aksara.Tests;

/// <summary>
/// Base of integration test classes: each class gets a fresh database of its own on the
/// shared <see cref="TestServer"/>, so classes can run in parallel.
/// </summary>
public abstract class DatabaseTestBase
{
    const int MaxIdentifierBytes = 63;

    ProvisionedServer? _server;
    string? _databaseName;
    NpgsqlDataSource? _dataSource;

    protected ProvisionedServer Server => _server ?? throw NotCreated();

    protected string DatabaseName => _databaseName ?? throw NotCreated();

    /// <summary>Npgsql connection string of this class's database.</summary>
    protected string ConnectionString => Server.GetConnectionString(DatabaseName);

    /// <summary>This class's database as a <c>postgresql://</c> URL.</summary>
    protected string DatabaseUrl => Server.GetDatabaseUrl(DatabaseName);

    /// <summary>Plain Npgsql on this class's database, for arranging and asserting.</summary>
    protected NpgsqlDataSource DataSource => _dataSource ?? throw NotCreated();

    [OneTimeSetUp]
    public async Task CreateTestDatabaseAsync()
    {
        _server = await TestServer.GetServerAsync();
        var name = NewDatabaseName(GetType());
        await using (var admin = new NpgsqlConnection(_server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", admin);
            await create.ExecuteNonQueryAsync();
        }
        _databaseName = name;
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    [OneTimeTearDown]
    public async Task DropTestDatabaseAsync()
    {
        if (_dataSource is not null)
            await _dataSource.DisposeAsync();
        if (_server is null || _databaseName is null)
            return;

        // Pooled connections that the tests opened would otherwise linger, broken, until the pool prunes them.
        await using (var pooled = new NpgsqlConnection(ConnectionString))
            NpgsqlConnection.ClearPool(pooled);
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(_databaseName)} WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The class name, lowercased to plain ASCII, plus a random suffix; at most 63 bytes.</summary>
    internal static string NewDatabaseName(Type testClass)
    {
        var suffix = "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var name = new StringBuilder();
        foreach (var c in testClass.Name.ToLowerInvariant())
        {
            var safe = char.IsAsciiLetterOrDigit(c) ? c : '_';
            if (safe != '_' || (name.Length > 0 && name[^1] != '_'))
                name.Append(safe);
        }
        var stem = name.ToString().Trim('_');
        if (stem.Length == 0 || char.IsAsciiDigit(stem[0]))
            stem = "test_" + stem;
        return stem[..Math.Min(stem.Length, MaxIdentifierBytes - suffix.Length)].TrimEnd('_') + suffix;
    }

    static string QuoteIdentifier(string identifier) => SqlIdentifier.Quote(identifier);

    static InvalidOperationException NotCreated()
        => new("The test database is created in [OneTimeSetUp]; it is not available before.");
}
