namespace Aksara.Migrations.Scripts;

/// <summary>
/// One migration as the runner sees it: its name (<c>0002_add_customers_phone</c>, as the journal records it), the up
/// script, and the down script that reverts it (null when there is none).
/// </summary>
internal sealed record MigrationScript(string Name, string Up, string? Down)
{
    public bool RunsInTransaction => !ScriptDirectives.IsNoTransaction(Up);

    public string Checksum => ScriptChecksum.Compute(Up);

    public string? DownChecksum => Down is null ? null : ScriptChecksum.Compute(Down);

    /// <summary>The module the migration belongs to (<see cref="MigrationName.App"/> for the application's own).</summary>
    public string Module => MigrationName.ModuleOf(Name);

    /// <summary>The modules' migrations this one needs applied first (<c>-- aksara:depends-on</c>), named like <see cref="Name"/>.</summary>
    public IReadOnlyList<string> DependsOn => ScriptDirectives.HeaderValues(Up, ScriptDirectives.DependsOn);

    /// <summary>Why the migration cannot be reverted, or null when it can.</summary>
    public string? Irreversible =>
        ScriptDirectives.IsIrreversible(Up) ? $"{Name} is marked {ScriptDirectives.Irreversible}"
        : Down is null ? $"{Name} has no down script ({Name}{MigrationFile.DownExtension})"
        : null;
}
