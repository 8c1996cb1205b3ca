namespace Aksara.Migrations.Diffing;

internal sealed record DiffOptions
{
    /// <summary>Write drops and narrowing type changes (each marked <c>aksara:destructive</c>) instead of refusing them.</summary>
    public bool AllowDestructive { get; init; }

    /// <summary>Write changes that rewrite a table holding rows (marked <c>aksara:rewrites-table</c>) instead of refusing them.</summary>
    public bool AllowRewrite { get; init; }

    /// <summary>Write the plain DDL, in one script, instead of the lock-safe scripts for a live database (<c>--unsafe</c>).</summary>
    public bool Unsafe { get; init; }

    public IRenameResolver Renames { get; init; } = NonInteractiveRenameResolver.Instance;
}
