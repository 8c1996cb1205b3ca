using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace Aksara.Migrations.Running;

/// <summary>Hands DbUp the up scripts of a run (all of them, or those up to a target), already read and ordered.</summary>
internal sealed class MigrationScriptProvider(IReadOnlyList<MigrationScript> scripts) : IScriptProvider
{
    public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) => scripts.Select(script => new SqlScript(script.Name, script.Up));
}
