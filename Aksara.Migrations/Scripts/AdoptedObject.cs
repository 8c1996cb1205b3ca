using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// An object of an adopted database that no model describes, as <c>aksara inspectdb</c> read it: the next migration
/// (the baseline) creates it verbatim, so a fresh database gets it too, and the drift check leaves it alone.
/// </summary>
/// <param name="Kind">What it is: <c>view</c>, <c>function</c>, <c>trigger</c>, <c>index</c>, <c>constraint</c>, …</param>
/// <param name="Table">For an index or a constraint on a modelled table: that table.</param>
/// <param name="Create">The statement that creates it, as the server prints it.</param>
/// <param name="Drop">The statement that drops it, for the baseline's down script.</param>
/// <param name="PrecedesTables">Created before the models' tables (extensions, domains, sequences, functions), else after them.</param>
internal sealed record AdoptedObject(string Kind, string Schema, string Name, QualifiedName? Table, string Create, string Drop, bool PrecedesTables)
{
    public override string ToString() => $"{Kind} {(Table is { } table ? $"{Name} on {table}" : $"{Schema}.{Name}")}";
}
