using System.Text;

namespace Aksara.Querying;

/// <summary>
/// A piece of SQL whose parameters are numbered only when the statement is assembled, so that an immutable query can
/// combine pieces translated separately (each <c>Where</c>, <c>LIMIT</c>, <c>OFFSET</c>).
/// </summary>
internal sealed class SqlFragment
{
    // Each part is SQL text (string) or the index (int) of a parameter in Parameters.
    private readonly object[] _parts;

    private SqlFragment(object[] parts, QueryParameter[] parameters)
    {
        _parts = parts;
        Parameters = parameters;
    }

    internal IReadOnlyList<QueryParameter> Parameters { get; }

    internal static SqlFragment Text(string sql) => new([sql], []);

    internal static SqlFragment Parameter(QueryParameter parameter) => new([0], [parameter]);

    /// <summary>Writes the fragment into <paramref name="statement"/>, numbering its parameters after those already there.</summary>
    internal void WriteTo(StatementBuilder statement)
    {
        var first = statement.Parameters.Count;
        statement.Parameters.AddRange(Parameters);
        foreach (var part in _parts)
        {
            if (part is string text)
                statement.Sql.Append(text);
            else
                statement.Sql.Append('$').Append(first + (int)part + 1);
        }
    }

    internal sealed class Builder
    {
        private readonly List<object> _parts = [];
        private readonly List<QueryParameter> _parameters = [];
        private readonly StringBuilder _text = new();

        internal Builder Append(string sql)
        {
            _text.Append(sql);
            return this;
        }

        internal Builder AppendParameter(QueryParameter parameter)
        {
            Flush();
            _parts.Add(_parameters.Count);
            _parameters.Add(parameter);
            return this;
        }

        internal SqlFragment Build()
        {
            Flush();
            return new SqlFragment(_parts.ToArray(), _parameters.ToArray());
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
