using Npgsql;

namespace Aksara;

/// <summary>
/// A statement broke an integrity constraint. Carries PostgreSQL's names of the schema, table, column and constraint
/// so that callers (and the HTTP problem responses) can say which rule was broken without showing SQL.
/// </summary>
public abstract class ConstraintViolationException : AksaraException
{
    private protected ConstraintViolationException(PostgresException inner)
        : base(inner.MessageText + (inner.Detail is { Length: > 0 } detail ? $" ({detail})" : ""), inner)
    {
        SqlState = inner.SqlState;
        SchemaName = inner.SchemaName;
        TableName = inner.TableName;
        ColumnName = inner.ColumnName;
        ConstraintName = inner.ConstraintName;
    }

    public string SqlState { get; }
    public string? SchemaName { get; }
    public string? TableName { get; }
    public string? ColumnName { get; }
    public string? ConstraintName { get; }
}

/// <summary>SQLSTATE 23505: a row with the same key already exists.</summary>
public sealed class UniqueViolationException : ConstraintViolationException
{
    internal UniqueViolationException(PostgresException inner) : base(inner) { }
}

/// <summary>SQLSTATE 23503: the referenced row does not exist, or is still referenced.</summary>
public sealed class ForeignKeyViolationException : ConstraintViolationException
{
    internal ForeignKeyViolationException(PostgresException inner) : base(inner) { }
}

/// <summary>SQLSTATE 23502: a NOT NULL column was given no value.</summary>
public sealed class NotNullViolationException : ConstraintViolationException
{
    internal NotNullViolationException(PostgresException inner) : base(inner) { }
}

/// <summary>SQLSTATE 23514: a CHECK constraint rejected the row.</summary>
public sealed class CheckViolationException : ConstraintViolationException
{
    internal CheckViolationException(PostgresException inner) : base(inner) { }
}
