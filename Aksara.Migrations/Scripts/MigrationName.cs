using System.Text.RegularExpressions;

namespace Aksara.Migrations.Scripts;

/// <summary>
/// How migrations of several sources share one journal: a module's migration is named <c>auth:0002_add_passkeys</c>, the
/// application's own just <c>0002_add_customers_phone</c>. The journal keeps the two parts in its <c>module</c> and
/// <c>name</c> columns (the application's module being empty).
/// </summary>
internal static partial class MigrationName
{
    public const char Separator = ':';

    /// <summary>The module of the application's own migrations, as the journal records it.</summary>
    public const string App = "";

    public static string Qualify(string module, string name) => module.Length == 0 ? name : module + Separator + name;

    /// <summary>The module (<see cref="App"/> for the application's own) and the script's name within it.</summary>
    public static (string Module, string Name) Split(string qualified)
    {
        var separator = qualified.IndexOf(Separator);
        return separator > 0 && IsModuleName(qualified[..separator]) ? (qualified[..separator], qualified[(separator + 1)..]) : (App, qualified);
    }

    public static string ModuleOf(string qualified) => Split(qualified).Module;

    /// <summary>Lower-case letters, digits and <c>_</c>, starting with a letter: safe in a folder name, a journal row and a CLI argument.</summary>
    public static bool IsModuleName(string name) => ModuleNamePattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex ModuleNamePattern();
}
