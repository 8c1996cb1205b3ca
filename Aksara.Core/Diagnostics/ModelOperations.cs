namespace Aksara.Diagnostics;

/// <summary>The operations Aksara reports on one model's table, made with the model's statements.</summary>
internal sealed class ModelOperations(string table, Type model)
{
    public DatabaseOperation Insert { get; } = new("insert", table, model);
    public DatabaseOperation Upsert { get; } = new("upsert", table, model);
    public DatabaseOperation Get { get; } = new("get", table, model);
    public DatabaseOperation Update { get; } = new("update", table, model);
    public DatabaseOperation UpdateMany { get; } = new("update_many", table, model);
    public DatabaseOperation Delete { get; } = new("delete", table, model);
    public DatabaseOperation Copy { get; } = new("copy", table, model);
    public DatabaseOperation Select { get; } = new("select", table, model);
    public DatabaseOperation Count { get; } = new("count", table, model);
    public DatabaseOperation Exists { get; } = new("exists", table, model);
    public DatabaseOperation DeleteWhere { get; } = new("delete_where", table, model);
}
