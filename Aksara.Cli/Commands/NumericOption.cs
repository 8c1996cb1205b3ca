using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Aksara.Cli.Commands;

/// <summary>
/// Options that take a number. System.CommandLine's own conversion error names the CLR type
/// (<c>System.Nullable`1[System.Int32]</c>); these say in words what the option expects, with an example.
/// Ranges are checked where the value is used, not here.
/// </summary>
internal static class NumericOption
{
    /// <param name="example">A valid value, shown in the error.</param>
    public static Option<int?> WholeNumber(string name, string example, string? helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                return value;
            result.AddError($"{name} expects a whole number, not '{text}' (e.g. {name} {example}).");
            return null;
        },
    };

    /// <param name="example">A valid value, shown in the error.</param>
    public static Option<double?> Seconds(string name, string example, string? helpName, string description) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
                return value;
            result.AddError($"{name} expects a number of seconds without a unit, not '{text}' (e.g. {name} {example}).");
            return null;
        },
    };
}
