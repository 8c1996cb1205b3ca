namespace Aksara.Migrations.Diffing;

internal sealed record DiffOptions
{
    /// <summary>Write drops and narrowing type changes (each marked <c>aksara:destructive</c>) instead of refusing them.</summary>
    public bool AllowDestructive { get; init; }

    public IRenameResolver Renames { get; init; } = NonInteractiveRenameResolver.Instance;
}
