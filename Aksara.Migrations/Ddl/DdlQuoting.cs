using Aksara.Data;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Ddl;

/// <summary>Quotes identifiers the way PostgreSQL reads them back unchanged: always in double quotes, inner quotes doubled.</summary>
internal static class DdlQuoting
{
    public static string Quote(string identifier) => SqlIdentifier.Quote(identifier);

    public static string Quote(QualifiedName name) => Quote(name.Schema) + "." + Quote(name.Name);

    public static string QuoteList(IEnumerable<string> identifiers) => string.Join(", ", identifiers.Select(Quote));

    /// <summary>A string literal for SQL text (<c>'it''s'</c>).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
