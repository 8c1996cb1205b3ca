namespace Aksara;

/// <summary>
/// Says that an application uses a module (an assembly marked <see cref="AksaraModuleAttribute"/> that it references):
/// <c>aksara makemigrations</c> then takes the module's migrations into the application's migrations folder
/// (<c>migrations/modules/auth/</c>), and <c>aksara migrate</c> applies them before the application's own.
/// <c>[assembly: UseAksaraModule("auth")]</c> uses every model of the module;
/// <c>[assembly: UseAksaraModule("auth", Models = [typeof(User), typeof(Session)])]</c> only those, so their tables alone
/// are created. Adding a model to <see cref="Models"/> later takes the module's migration that creates its table.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class UseAksaraModuleAttribute(string name) : Attribute
{
    /// <summary>The module's <see cref="AksaraModuleAttribute.Name"/>.</summary>
    public string Name { get; } = name;

    /// <summary>The module's models the application uses; null (the default) for all of them.</summary>
    public Type[]? Models { get; set; }
}
