using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Diffing;

/// <summary>Drops an object <see cref="CreateAdoptedObject"/> created (in the baseline's down script).</summary>
internal sealed record DropAdoptedObject(AdoptedObject Object) : MigrationOperation
{
    public override string Describe() => $"Drop {Object}";
}
