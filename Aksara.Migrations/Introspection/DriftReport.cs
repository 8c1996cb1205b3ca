using System.Text.Json.Nodes;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// What <see cref="DriftCheck"/> found: every difference between the live database and the snapshot, and the tables the
/// snapshot does not manage. Unmanaged tables are information, not drift: they never make <see cref="HasDrift"/> true.
/// </summary>
internal sealed class DriftReport(IReadOnlyList<SchemaDifference> differences, IReadOnlyList<QualifiedName> unmanaged)
{
    public IReadOnlyList<SchemaDifference> Differences { get; } = differences;

    /// <summary>Tables in the checked schemas that the snapshot does not hold, sorted by schema and name.</summary>
    public IReadOnlyList<QualifiedName> Unmanaged { get; } = unmanaged;

    public bool HasDrift => Differences.Count > 0;

    /// <summary>The <c>drift: …</c> lines, one per difference.</summary>
    public IEnumerable<string> Lines => Differences.Select(difference => difference.ToString());

    /// <summary><c>{"has_drift": …, "differences": [{"table", "object", "kind", "message"}, …], "unmanaged": ["audit_log", "sales.scratch"]}</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["has_drift"] = HasDrift,
        ["differences"] = new JsonArray(Differences.Select(difference => (JsonNode)difference.ToJson()).ToArray()),
        ["unmanaged"] = new JsonArray(Unmanaged.Select(table => (JsonNode)JsonValue.Create(MigrationOperation.Display(table))).ToArray()),
    };
}
