using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Aksara.Migrations.Running;

/// <summary>One session that holds a lock on a table a migration statement needs.</summary>
internal sealed record LockBlocker(int Pid, string? ApplicationName, string? State, string? Query, TimeSpan? TransactionAge)
{
    /// <summary><c>pid 1234 (application "psql", idle in transaction for 00:05:12: UPDATE customers SET …)</c></summary>
    public string Describe()
    {
        var age = TransactionAge is { } value ? " for " + value.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "";
        var query = string.IsNullOrWhiteSpace(Query) ? "" : ": " + Query;
        return $"pid {Pid} (application \"{ApplicationName}\", {State ?? "unknown state"}{age}{query})";
    }
}

/// <summary>
/// Finds the sessions that hold locks on the tables a statement names, once that statement has given up on its
/// <c>lock_timeout</c>. By then the wait is over, so <c>pg_blocking_pids</c> of the migrating backend says nothing; but
/// the blocker still holds its lock, so <c>pg_locks</c> shows it: every other session with a granted lock on one of the
/// statement's tables, oldest transaction first.
/// </summary>
internal static partial class LockBlockers
{
    private const int QueryLength = 80;

    // The tables DDL locks: the one it alters, indexes, drops or locks, and the one a foreign key references.
    [GeneratedRegex(@"\b(?:(?:ALTER|DROP|LOCK|TRUNCATE)\s+TABLE|LOCK|TRUNCATE|REFERENCES|\bON|INTO|UPDATE|FROM|INDEX|REINDEX\s+TABLE|VACUUM|CLUSTER)\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?(?:ONLY\s+)?(?<name>" + SqlNames.Qualified + ")", RegexOptions.IgnoreCase)]
    private static partial Regex TablePattern();

    /// <summary>The names in <paramref name="code"/> that may be tables; the database then says which are.</summary>
    public static IReadOnlyList<string> CandidateTables(string code) =>
        TablePattern().Matches(code).Select(match => Regex.Replace(match.Groups["name"].Value, @"\s+", "")).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The sessions holding a lock on a table that <paramref name="code"/> names, oldest transaction first.</summary>
    public static IReadOnlyList<LockBlocker> Find(NpgsqlConnection connection, string code)
    {
        var names = CandidateTables(code).ToArray();
        if (names.Length == 0)
            return [];
        // to_regclass never throws: a name that is no relation (a keyword caught by the pattern) is simply null. An index
        // counts through its table, which is what ALTER INDEX and DROP INDEX lock.
        using var command = new NpgsqlCommand(
            """
            WITH named AS (
              SELECT to_regclass(name) AS relation FROM unnest($1::text[]) AS name
            ), targets AS (
              SELECT relation FROM named WHERE relation IS NOT NULL
              UNION SELECT i.indrelid FROM pg_index i JOIN named ON named.relation = i.indexrelid
            )
            SELECT a.pid, a.application_name, a.state, left(regexp_replace(a.query, '\s+', ' ', 'g'), $2 * 4), now() - a.xact_start
            FROM pg_stat_activity a
            WHERE a.pid <> pg_backend_pid()
              AND a.pid IN (SELECT l.pid FROM pg_locks l WHERE l.granted AND l.locktype = 'relation' AND l.relation IN (SELECT relation FROM targets))
            ORDER BY a.xact_start NULLS LAST, a.pid
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = names });
        command.Parameters.Add(new NpgsqlParameter { Value = QueryLength });
        using var reader = command.ExecuteReader();
        var blockers = new List<LockBlocker>();
        while (reader.Read())
        {
            var query = reader.IsDBNull(3) ? null : SqlNames.MaskLiterals(reader.GetString(3));
            if (query is { Length: > QueryLength })
                query = query[..QueryLength] + "…";
            blockers.Add(new LockBlocker(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                query, reader.IsDBNull(4) ? null : reader.GetTimeSpan(4)));
        }
        return blockers;
    }

    /// <summary>The tables the statement names, as the message names them.</summary>
    public static string Target(string code) =>
        CandidateTables(code) is { Count: > 0 } names ? names[0].Replace("\"", "", StringComparison.Ordinal) : "its table";

    /// <summary><c>it is blocked by pid 1234 (…)</c>, or what to look at when no holder was found.</summary>
    public static string Describe(IReadOnlyList<LockBlocker> blockers) => blockers.Count == 0
        ? "the session that held the lock had released it by the time it was looked up (see pg_locks and pg_stat_activity)"
        : "it is blocked by " + string.Join(", ", blockers.Select(blocker => blocker.Describe()));
}
