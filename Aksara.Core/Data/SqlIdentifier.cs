namespace Aksara.Data;

/// <summary>Quotes identifiers, so that no table or column name, however spelled, can change a statement.</summary>
internal static class SqlIdentifier
{
    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
