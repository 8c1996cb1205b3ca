namespace Aksara.Diagnostics;

/// <summary>The operations Aksara reports on one model's table, made with the model's statements.</summary>
internal sealed class ModelOperations(string table, Type model)
{
    public DatabaseOperation Insert { get; } = new("insert", table, model, isWrite: true);
    public DatabaseOperation Upsert { get; } = new("upsert", table, model, isWrite: true);
    public DatabaseOperation Get { get; } = new("get", table, model, isWrite: false);
    public DatabaseOperation Update { get; } = new("update", table, model, isWrite: true);
    public DatabaseOperation UpdateMany { get; } = new("update_many", table, model, isWrite: true);
    public DatabaseOperation Delete { get; } = new("delete", table, model, isWrite: true);
    public DatabaseOperation Copy { get; } = new("copy", table, model, isWrite: true);
    public DatabaseOperation Select { get; } = new("select", table, model, isWrite: false);
    public DatabaseOperation Count { get; } = new("count", table, model, isWrite: false);
    public DatabaseOperation Exists { get; } = new("exists", table, model, isWrite: false);
    public DatabaseOperation DeleteWhere { get; } = new("delete_where", table, model, isWrite: true);
}
