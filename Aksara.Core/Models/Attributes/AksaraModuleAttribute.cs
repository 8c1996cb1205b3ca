namespace Aksara;

/// <summary>
/// Declares an assembly a module: a library that ships models and the migrations that create their tables (embedded in
/// the assembly, so a NuGet package carries them). An application that uses the module applies those migrations with
/// its own; the journal records each row's module (<c>auth:0001_initial</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class AksaraModuleAttribute(string name) : Attribute
{
    /// <summary>The module's name as the journal and the CLI show it: lower-case letters, digits and <c>_</c>, starting with a letter.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// The schema of the module's models that have no <c>[Table(Schema = …)]</c>. Set it: the module's migrations are
    /// written once, in the module's project, and an application with another default schema (<c>Aksara:Schema</c>)
    /// applies them as written.
    /// </summary>
    public string? Schema { get; set; }
}
