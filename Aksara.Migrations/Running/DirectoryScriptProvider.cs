using Aksara.Migrations.Scripts;
using DbUp.Engine;
using DbUp.Engine.Transactions;

namespace Aksara.Migrations.Running;

/// <summary>The <c>NNNN_name.sql</c> scripts of a migrations folder, named without <c>.sql</c> (<c>0001_initial</c>).</summary>
internal sealed class DirectoryScriptProvider(MigrationDirectory directory) : IScriptProvider
{
    public IEnumerable<SqlScript> GetScripts(IConnectionManager connectionManager) =>
        directory.ListScripts().Select(file => new SqlScript(file.Name, file.ReadContents()));
}
