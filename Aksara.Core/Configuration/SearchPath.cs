using System.Text.RegularExpressions;
using Aksara.Data;

namespace Aksara.Configuration;

/// <summary>
/// The schemas a connection looks in for a name given without one. Models without <c>[Table(Schema = …)]</c> and raw SQL
/// both name tables that way, so both follow <see cref="AksaraOptions.Schema"/> only while the connection searches it first.
/// </summary>
internal static partial class SearchPath
{
    /// <summary>
    /// What a connection's <c>search_path</c> is set to when the URL sets none: the models' schema, then <c>public</c>
    /// (where extensions such as pgcrypto or pg_trgm put their functions and types). Null for <c>public</c>, which leaves
    /// the server's (or the role's) own setting alone.
    /// </summary>
    internal static string? For(string schema) =>
        schema == AksaraOptions.DefaultSchema ? null : $"{SqlIdentifier.Quote(schema)}, {AksaraOptions.DefaultSchema}";

    /// <summary>
    /// The first schema of the <c>search_path</c> the URL sets (<c>search_path=…</c>, or <c>options=-c search_path=…</c>),
    /// unquoted; <c>$user</c> is passed over, since it names a schema only where one is named after the role. Null when the
    /// URL sets no search_path.
    /// </summary>
    internal static string? FirstSchemaOf(DatabaseUrl url)
    {
        var path = url.SearchPath;
        if (path is null && url.Options is { } options && OptionsSearchPath().Match(options) is { Success: true } match)
            path = Regex.Replace(match.Groups[1].Value, @"\\(.)", "$1");
        if (path is null)
            return null;
        return path.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(Unquote)
            .FirstOrDefault(schema => schema != "$user") ?? "";
    }

    /// <summary>True when the URL sets a search_path of its own, which Aksara then leaves as it is.</summary>
    internal static bool IsSetBy(DatabaseUrl url) => FirstSchemaOf(url) is not null;

    /// <summary>
    /// A warning, naming both, when the URL's search_path starts with another schema than <see cref="AksaraOptions.Schema"/>:
    /// the migrations then write the tables where the raw SQL of the application does not look first.
    /// </summary>
    internal static string? MismatchWarning(AksaraOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DatabaseUrl) || FirstSchemaOf(DatabaseUrl.Parse(options.DatabaseUrl)) is not { Length: > 0 } first || first == options.Schema)
            return null;
        return $"The database URL sets search_path to start with schema \"{first}\", but the models' schema is \"{options.Schema}\" " +
            $"(Aksara:Schema / AKSARA_SCHEMA): migrations create the models' tables in \"{options.Schema}\", while SQL that names a table " +
            $"without its schema looks in \"{first}\" first. Set AKSARA_SCHEMA={first}, or remove search_path from the URL " +
            "(Aksara then sets it to the models' schema).";
    }

    /// <summary>
    /// Through PgBouncer in transaction mode Aksara sends no search_path (PgBouncer 1.18 refuses the startup parameter), so a
    /// schema other than public must be the role's own setting.
    /// </summary>
    internal static string? PgBouncerWarning(AksaraOptions options) =>
        options.PgBouncer != PgBouncerMode.Transaction || options.Schema == AksaraOptions.DefaultSchema ? null
            : $"Through PgBouncer in transaction mode (AKSARA_PGBOUNCER=transaction) Aksara cannot set search_path, so the models' schema \"{options.Schema}\" " +
              $"is found only if the role searches it: run once ALTER ROLE <the app's role> SET search_path = {For(options.Schema)};";

    /// <summary>Every warning about where tables are looked for, for <c>aksara config</c>.</summary>
    internal static IReadOnlyList<string> Warnings(AksaraOptions options) =>
        new[] { MismatchWarning(options), PgBouncerWarning(options) }.OfType<string>().ToList();

    private static string Unquote(string name) =>
        name.Length >= 2 && name[0] == '"' && name[^1] == '"' ? name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : name;

    // libpq's options: "-c name=value" or "--name=value", a backslash escaping a space inside the value.
    [GeneratedRegex(@"(?:-c\s*|--)search_path=((?:\\.|\S)*)")]
    private static partial Regex OptionsSearchPath();
}
