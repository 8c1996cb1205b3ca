namespace Aksara.Migrations.Diffing;

/// <summary>For <c>--no-input</c>, CI and redirected input: never answers, so a possible rename refuses the run.</summary>
internal sealed class NonInteractiveRenameResolver : IRenameResolver
{
    public static readonly NonInteractiveRenameResolver Instance = new();

    public bool? IsRename(string from, string to) => null;
}
