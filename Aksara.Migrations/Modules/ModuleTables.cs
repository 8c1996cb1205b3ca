using Aksara.Migrations.Ddl;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Migrations.Scripts;

namespace Aksara.Migrations.Modules;

/// <summary>
/// The tables a migration changes, as a module's scripts record them in their header (<c>-- aksara:tables</c>): what an
/// application's choice of the module's models is matched against. A table a foreign key only points at is not changed.
/// </summary>
internal static class ModuleTables
{
    public static IReadOnlyList<QualifiedName> ChangedBy(IEnumerable<MigrationOperation> operations) =>
        operations.SelectMany(operation => operation switch
            {
                CreateTable create => [create.Table.QualifiedName],
                AddConstraint add => [add.Table],
                RenameTable rename => [rename.To],
                _ => DdlLock.Of(operation)?.Tables ?? [],
            })
            .Distinct()
            .Order()
            .ToList();

    /// <summary>The tables of a script's <c>-- aksara:tables</c> line; null when it has none (a script written by hand).</summary>
    public static IReadOnlyList<QualifiedName>? Of(MigrationScript script) =>
        ScriptDirectives.HasHeaderValues(script.Up, ScriptDirectives.Tables)
            ? ScriptDirectives.HeaderValues(script.Up, ScriptDirectives.Tables).Select(name => QualifiedName.Parse(name)).ToList()
            : null;
}
