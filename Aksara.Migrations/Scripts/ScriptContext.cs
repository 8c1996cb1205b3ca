using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Scripts;

/// <summary>Where a script stands among those of one model change, and what its header must warn about.</summary>
/// <param name="Position">1-based position among the <paramref name="Count"/> scripts of the change.</param>
/// <param name="RewritesTable">The change rewrites a table that holds rows (written with --allow-rewrite).</param>
/// <param name="Blocking">The change was written with --unsafe: plain DDL, whatever it blocks.</param>
internal sealed record ScriptContext(int Position, int Count, bool RewritesTable, bool Blocking)
{
    public static ScriptContext Single { get; } = new(1, 1, RewritesTable: false, Blocking: false);

    /// <summary>The modules' migrations the script needs first (<c>-- aksara:depends-on</c>): those that create the module tables it references.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>For a module's own script, the tables it changes (<c>-- aksara:tables</c>); null for an application's.</summary>
    public IReadOnlyList<QualifiedName>? Tables { get; init; }
}
