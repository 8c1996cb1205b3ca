namespace Aksara.Migrations.Schema;

/// <summary>
/// An object the baseline created verbatim for an adopted database (a view, a trigger, an expression index, …): no model
/// describes it, and the drift check does not report it. <see cref="Table"/> is set for an index or a constraint.
/// </summary>
internal sealed record KeptObject(string Kind, string Schema, string Name, QualifiedName? Table = null);
