using Aksara.Configuration;

namespace Aksara;

/// <summary>Whether the project-local development cluster exists and runs.</summary>
public enum LocalDatabaseState
{
    /// <summary>No cluster yet: <c>aksara dbsetup --local</c> creates one.</summary>
    NotCreated,
    Stopped,
    Running,
}

/// <summary>The project-local development cluster (<c>.aksara/postgres</c>).</summary>
/// <param name="Port">The loopback port it listens on (or last listened on); null before its first start.</param>
public sealed record LocalDatabaseStatus(LocalDatabaseState State, string DataDirectory, int? Port)
{
    /// <summary>The URL of <paramref name="database"/> on this cluster (superuser <c>postgres</c>, trusted on loopback: no password).</summary>
    public string GetDatabaseUrl(string database) =>
        Port is { } port
            ? PostgresUrl.Build("127.0.0.1", port, "postgres", password: null, database)
            : throw new InvalidOperationException("The local database has never been started, so it has no port yet.");
}
