using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aksara.Migrations.Schema;

/// <summary>
/// <c>aksara.snapshot.json</c>: the schema as of <see cref="LatestMigration"/>. Written so that it reads well in a diff:
/// stable order, no timestamps, one line per column, index and constraint.
/// </summary>
internal sealed record SchemaSnapshot(DatabaseSchema Schema, string? LatestMigration)
{
    public const string FileName = "aksara.snapshot.json";
    /// <summary>Version 2 added enum types; a snapshot without any is still written as version 1, which older tools read.</summary>
    public const int FormatVersion = 2;

    public static readonly SchemaSnapshot Empty = new(DatabaseSchema.Empty, null);

    /// <summary>What an adopted database's baseline created that no model describes; carried from snapshot to snapshot.</summary>
    public IReadOnlyList<KeptObject> Kept { get; init; } = [];

    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Defaults and predicates hold quotes and operators; escaping them as \u0027 would make the file unreadable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = s_options.Encoder }))
        {
            json.WriteStartObject();
            json.WriteNumber("formatVersion", Schema.EnumTypes.Count > 0 ? FormatVersion : 1);
            if (LatestMigration is not null)
                json.WriteString("latestMigration", LatestMigration);
            WriteList(json, "enumTypes", Schema.EnumTypes);
            WriteList(json, "kept", Kept);
            json.WriteStartArray("tables");
            foreach (var table in Schema.Tables)
                WriteTable(json, table);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Reads a snapshot; <paramref name="source"/> names the file in error messages.</summary>
    public static SchemaSnapshot Parse(string json, string source)
    {
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, s_options);
        }
        catch (JsonException ex)
        {
            var hint = json.Contains("<<<<<<<", StringComparison.Ordinal)
                ? " It holds merge-conflict markers: resolve the conflict in the migration scripts first, then run `aksara makemigrations` again."
                : "";
            throw new AksaraConfigurationException($"{source} is not a valid snapshot ({ex.Message}).{hint}");
        }
        if (document is null)
            throw new AksaraConfigurationException($"{source} is empty.");
        if (document.FormatVersion > FormatVersion)
            throw new AksaraConfigurationException($"{source} has format version {document.FormatVersion}, newer than this aksara understands ({FormatVersion}). Update the aksara tool.");
        return new SchemaSnapshot(new DatabaseSchema(document.Tables ?? [], document.EnumTypes), document.LatestMigration) { Kept = document.Kept ?? [] };
    }

    private static void WriteTable(Utf8JsonWriter json, TableSchema table)
    {
        json.WriteStartObject();
        json.WriteString("schema", table.Schema);
        json.WriteString("name", table.Name);
        if (table.PartitionBy is not null)
            json.WriteString("partitionBy", table.PartitionBy);
        WriteList(json, "columns", table.Columns);
        if (table.PrimaryKey is not null)
        {
            json.WritePropertyName("primaryKey");
            json.WriteRawValue(JsonSerializer.Serialize(table.PrimaryKey, s_options));
        }
        WriteList(json, "uniqueConstraints", table.UniqueConstraints);
        WriteList(json, "indexes", table.Indexes);
        WriteList(json, "foreignKeys", table.ForeignKeys);
        WriteList(json, "checks", table.Checks);
        json.WriteEndObject();
    }

    private static void WriteList<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items)
    {
        if (items.Count == 0)
            return;
        json.WriteStartArray(name);
        foreach (var item in items)
            json.WriteRawValue(JsonSerializer.Serialize(item, s_options));
        json.WriteEndArray();
    }

    private sealed record Document(
        int FormatVersion, string? LatestMigration, IReadOnlyList<TableSchema>? Tables, IReadOnlyList<EnumTypeSchema>? EnumTypes = null, IReadOnlyList<KeptObject>? Kept = null);
}
