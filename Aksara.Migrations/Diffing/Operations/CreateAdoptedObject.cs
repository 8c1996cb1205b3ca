using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Diffing;

/// <summary>Creates, verbatim, an object of the adopted database that no model describes (in the baseline migration).</summary>
internal sealed record CreateAdoptedObject(AdoptedObject Object) : MigrationOperation
{
    public override string Describe() => $"Create {Object}, as the adopted database has it";
}
