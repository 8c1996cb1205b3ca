using System.Text;

namespace Aksara.Querying;

/// <summary>A statement being assembled from text and fragments, with its parameters in <c>$n</c> order.</summary>
internal sealed class StatementBuilder
{
    internal Statement Build() => new(Sql.ToString(), Parameters.ToArray());

    internal StringBuilder Sql { get; } = new();

    internal List<QueryParameter> Parameters { get; } = [];

    internal StatementBuilder Append(string sql)
    {
        Sql.Append(sql);
        return this;
    }

    internal StatementBuilder Append(SqlFragment fragment)
    {
        fragment.WriteTo(this);
        return this;
    }
}
