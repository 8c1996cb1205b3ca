using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

internal static class ForeignKeyActions
{
    public static string Sql(OnDelete action) => action switch
    {
        OnDelete.Cascade => "CASCADE",
        OnDelete.SetNull => "SET NULL",
        OnDelete.SetDefault => "SET DEFAULT",
        OnDelete.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    public static string Sql(OnUpdate action) => action switch
    {
        OnUpdate.Cascade => "CASCADE",
        OnUpdate.SetNull => "SET NULL",
        OnUpdate.SetDefault => "SET DEFAULT",
        OnUpdate.Restrict => "RESTRICT",
        _ => "NO ACTION",
    };

    /// <summary><c>ON DELETE …</c>, then <c>ON UPDATE …</c> unless it is NO ACTION (PostgreSQL's default, left unsaid as before).</summary>
    public static string Clauses(ForeignKeySchema key) =>
        $"ON DELETE {Sql(key.OnDelete)}" + (key.OnUpdate == OnUpdate.NoAction ? "" : $" ON UPDATE {Sql(key.OnUpdate)}");
}
