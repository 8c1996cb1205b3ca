using System.Globalization;

namespace Aksara.Benchmarks.Http;

/// <summary>TechEmpower's <c>queries</c> parameter: clamped to 1..500; missing or not a number means 1.</summary>
public static class QueryCount
{
    public const int Max = 500;

    public static int Parse(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? Math.Clamp(count, 1, Max) : 1;
}
