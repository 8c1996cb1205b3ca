using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>A PostgreSQL enum type (<c>CREATE TYPE … AS ENUM</c>): its labels in their sort order.</summary>
internal sealed record EnumTypeSchema(string Schema, string Name, IReadOnlyList<string> Labels)
{
    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);

    /// <summary>The type as a column's type names it (<see cref="SqlTypes.Normalize"/>d).</summary>
    [JsonIgnore]
    public string ColumnType => SqlTypes.Normalize(Aksara.Models.Mapping.PgEnumType.SqlNameOf(Schema, Name));

    public bool Matches(EnumTypeSchema other) => other.QualifiedName == QualifiedName && other.Labels.SequenceEqual(Labels, StringComparer.Ordinal);
}
