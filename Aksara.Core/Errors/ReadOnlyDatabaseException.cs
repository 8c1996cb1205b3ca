namespace Aksara;

/// <summary>
/// A write where only reads may go: on <see cref="Database.Replica"/> (refused before it reaches the server), or on a
/// server that is read-only (a standby, or a primary demoted by a failover: SQLSTATE <c>25006</c>).
/// </summary>
public sealed class ReadOnlyDatabaseException : AksaraException
{
    public ReadOnlyDatabaseException(string message) : base(message) { }

    public ReadOnlyDatabaseException(string message, Exception? innerException) : base(message, innerException) { }
}
