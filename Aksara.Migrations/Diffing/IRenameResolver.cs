namespace Aksara.Migrations.Diffing;

/// <summary>
/// Decides whether a removed and an added table or column of the same shape are one renamed object.
/// The differ never guesses: without <c>[RenamedFrom]</c> it asks this, and a null answer refuses the whole run.
/// </summary>
internal interface IRenameResolver
{
    /// <summary>True for a rename, false for a drop and an add, null when nobody can answer (non-interactive).</summary>
    bool? IsRename(string from, string to);
}
