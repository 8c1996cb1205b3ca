using Npgsql;

namespace Aksara.Tests.Migrations.Online;

/// <summary>
/// A second session writing into a table for as long as it runs, as an application would during a migration. Its
/// session's <c>lock_timeout</c> is the longest lock wait the test tolerates: a write that waits longer fails, and is
/// counted, instead of being timed by a clock on a noisy machine.
/// </summary>
internal sealed class ConcurrentWriter : SessionLoop
{
    private readonly List<string> _failures = [];

    private ConcurrentWriter(NpgsqlConnection connection) : base(connection) { }

    public int Writes { get; private set; }

    public IReadOnlyList<string> Failures => _failures;

    public static async Task<ConcurrentWriter> StartAsync(string connectionString, string insert, TimeSpan longestLockWait)
    {
        var writer = new ConcurrentWriter(await OpenAsync(connectionString));
        await using (var set = new NpgsqlCommand($"SET lock_timeout = '{(int)longestLockWait.TotalMilliseconds}ms'", writer.Connection))
            await set.ExecuteNonQueryAsync();
        var command = new NpgsqlCommand(insert, writer.Connection);
        writer.Start(async () =>
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                writer.Writes++;
            }
            catch (PostgresException error)
            {
                writer._failures.Add($"{error.SqlState}: {error.MessageText}");
            }
        }, TimeSpan.FromMilliseconds(5));
        return writer;
    }
}
