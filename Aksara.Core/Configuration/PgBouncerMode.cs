namespace Aksara;

/// <summary>
/// Whether the database URL points at PgBouncer, and in which pool mode (<c>Aksara:PgBouncer</c>,
/// <c>AKSARA_PGBOUNCER</c>). Aksara cannot tell a bouncer from PostgreSQL by itself, so it is told.
/// </summary>
public enum PgBouncerMode
{
    /// <summary>PostgreSQL itself (or a bouncer in session mode, which behaves the same to a client).</summary>
    None,

    /// <summary>
    /// PgBouncer in session pooling mode: a client keeps one server connection for its whole connection, so everything
    /// works as with PostgreSQL directly.
    /// </summary>
    Session,

    /// <summary>
    /// PgBouncer in transaction pooling mode: each transaction (each statement outside one) may run on another server
    /// connection. Aksara then prepares no statements (PgBouncer 1.18 has no protocol-level prepared statements), sends
    /// no <c>search_path</c> (PgBouncer refuses the startup parameter: set it on the role), and refuses to migrate
    /// (advisory locks and <c>CONCURRENTLY</c> need a real session).
    /// </summary>
    Transaction,
}
