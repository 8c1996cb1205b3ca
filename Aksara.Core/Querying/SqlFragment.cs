using System.Text;
using NpgsqlTypes;

namespace Aksara.Querying;

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

/// <summary>
/// A translated piece of SQL with the values of its parameters: the captured values of one call, each parameter
/// naming the one it sends (<see cref="PredicateSql.Parameters"/>).
/// </summary>
internal sealed class SqlFragment(PredicateSql sql, object?[] values)
{
    private static readonly PredicateSql s_bigint = new(new SqlTemplate([0], 1, isShared: true), [(0, NpgsqlDbType.Bigint)]);

    internal SqlTemplate Template => sql.Template;

    internal int ParameterCount => sql.Parameters.Length;

    internal QueryParameter Parameter(int index)
    {
        var (slot, dbType) = sql.Parameters[index];
        return new QueryParameter(values[slot], dbType);
    }

    /// <summary>A lone bigint parameter: a LIMIT or an OFFSET.</summary>
    internal static SqlFragment Bigint(int value) => new(s_bigint, [BoxedCounts.Of(value)]);

    /// <summary>The same SQL without its values: what a statement cache may keep as part of its key.</summary>
    internal SqlFragment WithoutValues() => values.Length == 0 ? this : new SqlFragment(sql, []);

    /// <summary>Writes the fragment into <paramref name="statement"/>, numbering its parameters after those already there.</summary>
    internal void WriteTo(StatementBuilder statement)
    {
        Template.WriteTo(statement.Sql, statement.Parameters.Count);
        for (var i = 0; i < ParameterCount; i++)
            statement.Parameters.Add(Parameter(i));
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
    /// <summary>This SQL with <paramref name="converted"/>, the converted captured values by slot (kept, not copied).</summary>
    internal SqlFragment Bind(object?[] converted) => new(this, converted);

    internal PredicateSql Shared() => Template.IsShared ? this : this with { Template = Template.Shared() };
}
