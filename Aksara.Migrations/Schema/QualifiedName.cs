namespace Aksara.Migrations.Schema;

/// <summary>A table's schema and name, as PostgreSQL spells them (case-sensitive, never folded).</summary>
internal readonly record struct QualifiedName(string Schema, string Name) : IComparable<QualifiedName>
{
    public const string DefaultSchema = "public";

    /// <summary>Reads <c>name</c> (in <paramref name="defaultSchema"/>) or <c>schema.name</c>.</summary>
    public static QualifiedName Parse(string text, string defaultSchema = DefaultSchema)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? new QualifiedName(defaultSchema, text) : new QualifiedName(text[..dot], text[(dot + 1)..]);
    }

    public int CompareTo(QualifiedName other)
    {
        var bySchema = string.CompareOrdinal(Schema, other.Schema);
        return bySchema != 0 ? bySchema : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => $"{Schema}.{Name}";
}
