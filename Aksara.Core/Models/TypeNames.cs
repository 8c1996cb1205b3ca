using System.Text;

namespace Aksara.Models;

/// <summary>Type names as a C# developer writes them (<c>List&lt;string&gt;</c>, <c>Outer.Inner</c>), for error messages.</summary>
internal static class TypeNames
{
    internal static string Display(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
            return Display(underlying) + "?";
        if (type.IsArray)
            return Display(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        var name = type.IsNested && !type.IsGenericParameter ? Display(type.DeclaringType!) + "." + type.Name : type.Name;
        if (!type.IsGenericType)
            return name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var builder = new StringBuilder(tick >= 0 ? name[..tick] : name);
        builder.Append('<').AppendJoin(", ", type.GetGenericArguments().Select(Display)).Append('>');
        return builder.ToString();
    }
}
