using Npgsql;

namespace Aksara.LocalDevelopment;

/// <summary>Creates a database unless it exists: for the local development database and for <c>aksara dbsetup</c> on any server.</summary>
internal static class DatabaseCreation
{
    /// <summary>
    /// Creates <paramref name="databaseName"/> through <paramref name="admin"/> (a connection to another database of the
    /// same server); false when it already existed, including when another session created it at the same moment.
    /// </summary>
    /// <exception cref="PostgresException">Any other refusal, such as 42501 when the user lacks CREATEDB.</exception>
    public static async Task<bool> CreateIfMissingAsync(NpgsqlConnection admin, string databaseName, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", admin))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = databaseName });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
                return false;
        }

        try
        {
            // CREATE DATABASE takes no parameters; the name is quoted as an identifier.
            await using var create = new NpgsqlCommand($"CREATE DATABASE {DatabaseNames.QuoteIdentifier(databaseName)}", admin);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (IsCreatedConcurrently(ex))
        {
            // Created by someone else between our check and now (another dotnet run, another dbsetup): the same outcome.
            return false;
        }
    }

    /// <summary>
    /// A concurrent CREATE DATABASE of the same name: 42P04 when the other one committed before ours looked, 23505 on
    /// pg_database's name index when both passed that check and ours lost the insert.
    /// </summary>
    internal static bool IsCreatedConcurrently(PostgresException exception) => exception.SqlState switch
    {
        PostgresErrorCodes.DuplicateDatabase => true,
        PostgresErrorCodes.UniqueViolation => exception.TableName == "pg_database" || exception.ConstraintName == "pg_database_datname_index",
        _ => false,
    };
}
