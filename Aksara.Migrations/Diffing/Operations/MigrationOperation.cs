using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Diffing;

/// <summary>One schema change, as data. <see cref="Ddl.PostgresDdlWriter"/> turns it into SQL.</summary>
internal abstract record MigrationOperation
{
    /// <summary>A one-line human summary for the script header and the console.</summary>
    public abstract string Describe();

    /// <summary>The words this change contributes to a derived script name (<c>add_customers_phone</c>); null when it adds nothing.</summary>
    public virtual string? Slug => null;

    /// <summary>True when applying it deletes data: it is written only with <c>--allow-destructive</c>.</summary>
    public virtual bool IsDestructive => false;

    /// <summary>How a table is named to a person: <c>customers</c> in <c>public</c>, <c>sales.orders</c> elsewhere.</summary>
    internal static string Display(QualifiedName table) => table.Schema == QualifiedName.DefaultSchema ? table.Name : table.ToString();
}
