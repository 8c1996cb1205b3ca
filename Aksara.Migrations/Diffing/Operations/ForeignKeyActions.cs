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
}
