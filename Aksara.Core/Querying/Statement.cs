namespace Aksara.Querying;

/// <summary>A finished statement: SQL text with <c>$n</c> placeholders, and the parameters in that order.</summary>
internal sealed record Statement(string Sql, IReadOnlyList<QueryParameter> Parameters);
