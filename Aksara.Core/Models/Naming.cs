using Humanizer;

namespace Aksara.Models;

/// <summary>Aksara's naming convention: snake_case columns, snake_case plural tables (<c>BlogPost</c> → <c>blog_posts</c>).</summary>
internal static class Naming
{
    internal static string Table(Type modelType)
    {
        var name = modelType.Name;
        // Generic types are named `Name`1` by the runtime; the arity is not part of the table name.
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return Table(tick >= 0 ? name[..tick] : name);
    }

    /// <summary>The table of a class named <paramref name="className"/>.</summary>
    internal static string Table(string className) =>
        // Not "known to be singular": a class already named in the plural (UserSettings, News) keeps its name.
        className.Underscore().Pluralize(inputIsKnownToBeSingular: false);

    internal static string Column(string propertyName) => propertyName.Underscore();
}
