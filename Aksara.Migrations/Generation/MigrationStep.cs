using Aksara.Migrations.Diffing;

namespace Aksara.Migrations.Generation;

/// <summary>One script of a model change: the operations that apply it and, in the order they run, those that revert it.</summary>
internal sealed record MigrationStep(MigrationStepKind Kind, IReadOnlyList<MigrationOperation> Up, IReadOnlyList<MigrationOperation> Down)
{
    public bool RunsInTransaction => Kind != MigrationStepKind.BuildIndexes;

    /// <summary>What the script's name gets after the change's own slug, so that the order and purpose read from the file names.</summary>
    public string NameSuffix => Kind switch
    {
        MigrationStepKind.AddEnumLabels => "_enum_labels",
        MigrationStepKind.BuildIndexes => "_build_indexes",
        MigrationStepKind.Validate => "_validate",
        MigrationStepKind.ValidateForeignKeys => "_validate_foreign_keys",
        _ => "",
    };
}
