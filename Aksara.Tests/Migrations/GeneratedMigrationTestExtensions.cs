using Aksara.Migrations.Generation;

namespace Aksara.Tests.Migrations;

/// <summary>A generated change read as a whole: where it ends, and all its up and down text.</summary>
internal static class GeneratedMigrationTestExtensions
{
    extension(GeneratedMigration migration)
    {
        /// <summary>The change's last script: <c>migrate --to</c> it applies the whole change; the snapshot names it.</summary>
        public string Name => migration.Scripts[^1].Name;

        /// <summary>The names of the change's scripts, in the order they apply.</summary>
        public IReadOnlyList<string> ScriptNames => migration.Scripts.Select(script => script.Name).ToList();

        /// <summary>The names of the change's scripts, in the order a revert runs their downs.</summary>
        public IEnumerable<string> RevertOrder => migration.Scripts.Reverse().Select(script => script.Name);

        /// <summary>Every up script of the change, in order.</summary>
        public string Script => string.Join("\n", migration.Scripts.Select(script => script.Up));

        /// <summary>Every down script of the change, in the order a revert runs them.</summary>
        public string DownScript => string.Join("\n", migration.Scripts.Reverse().Select(script => script.Down));
    }
}
