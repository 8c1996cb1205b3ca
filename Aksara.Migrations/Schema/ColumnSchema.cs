using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>A column: its exact DDL type (<see cref="SqlTypes.Normalize"/>d), nullability and default expression.</summary>
internal sealed record ColumnSchema(string Name, string Type, bool Nullable, string? Default = null)
{
    /// <summary>The name the column had before (from <c>[RenamedFrom]</c>); a hint for the differ, not part of the schema.</summary>
    [JsonIgnore]
    public string? RenamedFrom { get; init; }
}
