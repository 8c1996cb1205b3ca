using System.Text.Json;
using System.Text.Json.Nodes;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// One way the live database differs from the snapshot. <see cref="Message"/> is the whole human line after the
/// <c>drift: </c> prefix (<c>customers.email: column is varchar(100) in the database, text in the snapshot</c>);
/// <see cref="ToString"/> adds the prefix.
/// </summary>
/// <param name="Object">The column, constraint or index the difference is about; null when it is about the table itself.</param>
internal sealed record SchemaDifference(QualifiedName Table, string? Object, DriftKind Kind, string Message)
{
    public const string Prefix = "drift: ";

    /// <summary>A difference about <paramref name="table"/> (and <paramref name="objectName"/>), its message starting with them.</summary>
    public static SchemaDifference About(QualifiedName table, string? objectName, DriftKind kind, string description) =>
        new(table, objectName, kind, $"{Subject(table, objectName)}: {description}");

    /// <summary>The <c>kind</c> code in JSON: <c>column_missing</c>, <c>index_invalid</c>, ….</summary>
    public string KindCode => JsonNamingPolicy.SnakeCaseLower.ConvertName(Kind.ToString());

    public JsonObject ToJson() => new()
    {
        ["table"] = MigrationOperation.Display(Table),
        ["object"] = Object,
        ["kind"] = KindCode,
        ["message"] = Message,
    };

    public override string ToString() => Prefix + Message;

    private static string Subject(QualifiedName table, string? objectName) =>
        objectName is null ? MigrationOperation.Display(table) : $"{MigrationOperation.Display(table)}.{objectName}";
}
