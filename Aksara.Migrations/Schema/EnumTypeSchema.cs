using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>A PostgreSQL enum type (<c>CREATE TYPE … AS ENUM</c>): its labels in their sort order.</summary>
internal sealed record EnumTypeSchema(string Schema, string Name, IReadOnlyList<string> Labels)
{
    [JsonIgnore]
    public QualifiedName QualifiedName => new(Schema, Name);

    public bool Matches(EnumTypeSchema other) => other.QualifiedName == QualifiedName && other.Labels.SequenceEqual(Labels, StringComparer.Ordinal);
}
