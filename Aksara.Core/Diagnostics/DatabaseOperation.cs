namespace Aksara.Diagnostics;

/// <summary>
/// One kind of operation on one model's table ("insert", "blog_posts"), made once per model so that reporting a span
/// allocates nothing beyond the span itself. Raw SQL has none: Npgsql's own span already shows its statement.
/// </summary>
internal sealed class DatabaseOperation(string name, string table, Type model, bool isWrite)
{
    /// <summary>Changes rows: refused on a read-only surface (<see cref="Database.Replica"/>) before it reaches the server.</summary>
    public bool IsWrite { get; } = isWrite;

    /// <summary>OpenTelemetry's <c>db.operation.name</c>: insert, upsert, get, update, update_many, delete, copy, select, count, exists, delete_where.</summary>
    public string Name { get; } = name;

    /// <summary><c>db.collection.name</c>.</summary>
    public string Table { get; } = table;

    /// <summary>The span's name, <c>{operation} {table}</c> as the database semantic conventions spell it.</summary>
    public string SpanName { get; } = $"{name} {table}";

    public string Model { get; } = model.FullName ?? model.Name;
}
