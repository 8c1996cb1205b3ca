namespace Aksara;

/// <summary>The column's default, a SQL expression written as is (<c>[Default("now()")]</c>, <c>[Default("'draft'")]</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultAttribute(string sql) : Attribute
{
    public string Sql { get; } = sql;
}
