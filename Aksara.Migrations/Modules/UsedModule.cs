using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Modules;

/// <summary>
/// A module as one application uses it: the migrations of the module it takes (named as in the module, <c>0001_initial</c>),
/// in order, and the schema they leave, limited to the tables of the models the application uses.
/// </summary>
/// <param name="Source">The module's assembly, as a person recognises it (<c>Acme.Auth 1.2.0</c>).</param>
internal sealed record UsedModule(string Name, string Source, IReadOnlyList<MigrationScript> Scripts, SchemaSnapshot Snapshot)
{
    /// <summary>Each table of the module the application uses, with the migration (<c>auth:0001_initial</c>) that creates it.</summary>
    public IReadOnlyDictionary<QualifiedName, string> CreatedBy { get; init; } = new Dictionary<QualifiedName, string>();
}
