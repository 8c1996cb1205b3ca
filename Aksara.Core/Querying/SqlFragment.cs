using System.Text;
using NpgsqlTypes;

namespace Aksara;

/// <summary>
/// SQL text with holes for parameters, numbered only when a statement is assembled, so that an immutable query can
/// combine pieces translated separately (each <c>Where</c>, <c>LIMIT</c>, <c>OFFSET</c>). A template made by the
/// predicate cache is <see cref="IsShared"/> by every query of its shape, so a statement built from such templates can
/// be cached too.
/// </summary>
internal sealed class SqlTemplate
{
    // Each part is SQL text (string) or the index (int) of a parameter.
    private readonly object[] _parts;

    internal SqlTemplate(object[] parts, int parameterCount, bool isShared)
    {
        _parts = parts;
        ParameterCount = parameterCount;
        IsShared = isShared;
    }

    internal int ParameterCount { get; }

    internal bool IsShared { get; }

    internal static SqlTemplate Text(string sql) => new([sql], 0, isShared: false);

    internal void WriteTo(StringBuilder sql, int firstParameter)
    {
        foreach (var part in _parts)
        {
            if (part is string text)
                sql.Append(text);
            else
                sql.Append('$').Append(firstParameter + (int)part + 1);
        }
    }

    internal SqlTemplate Shared() => IsShared ? this : new SqlTemplate(_parts, ParameterCount, isShared: true);
}

/// <summary>A <see cref="SqlTemplate"/> with the values of its parameters.</summary>
internal sealed class SqlFragment(SqlTemplate template, QueryParameter[] parameters)
{
    internal SqlTemplate Template { get; } = template;

    internal QueryParameter[] Parameters { get; } = parameters;

    internal static SqlFragment Parameter(QueryParameter parameter) => new(s_oneParameter, [parameter]);

    private static readonly SqlTemplate s_oneParameter = new([0], 1, isShared: true);

    /// <summary>The same SQL without its values: what a statement cache may keep.</summary>
    internal SqlFragment WithoutValues() => Parameters.Length == 0 ? this : new SqlFragment(Template, []);

    /// <summary>Writes the fragment into <paramref name="statement"/>, numbering its parameters after those already there.</summary>
    internal void WriteTo(StatementBuilder statement)
    {
        Template.WriteTo(statement.Sql, statement.Parameters.Count);
        statement.Parameters.AddRange(Parameters);
    }

    /// <summary>Collects SQL text and parameters, each parameter naming the captured value (slot) it sends.</summary>
    internal sealed class Builder
    {
        private readonly List<object> _parts = [];
        private readonly List<(int Slot, NpgsqlDbType? DbType)> _parameters = [];
        private readonly StringBuilder _text = new();

        internal Builder Append(string sql)
        {
            _text.Append(sql);
            return this;
        }

        internal Builder AppendParameter(int slot, NpgsqlDbType? dbType)
        {
            Flush();
            _parts.Add(_parameters.Count);
            _parameters.Add((slot, dbType));
            return this;
        }

        internal PredicateSql Build()
        {
            Flush();
            return new PredicateSql(new SqlTemplate([.. _parts], _parameters.Count, isShared: false), [.. _parameters]);
        }

        private void Flush()
        {
            if (_text.Length == 0)
                return;
            _parts.Add(_text.ToString());
            _text.Clear();
        }
    }
}

/// <summary>A translated predicate: its SQL, and which captured value (slot) each of its parameters sends, with its type.</summary>
internal sealed record PredicateSql(SqlTemplate Template, (int Slot, NpgsqlDbType? DbType)[] Parameters)
{
    internal SqlFragment Bind(object?[] converted)
    {
        var parameters = new QueryParameter[Parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
            parameters[i] = new QueryParameter(converted[Parameters[i].Slot], Parameters[i].DbType);
        return new SqlFragment(Template, parameters);
    }

    internal PredicateSql Shared() => Template.IsShared ? this : this with { Template = Template.Shared() };
}
