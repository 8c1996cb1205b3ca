namespace Aksara.Values;

/// <summary>Only UTC <see cref="DateTime"/> values are stored: PostgreSQL's timestamptz is an instant, and a Local or Unspecified value would be shifted by a guess.</summary>
internal static class UtcDateTimes
{
    internal static DateTime Ensure(DateTime value, string description) =>
        value.Kind == DateTimeKind.Utc ? value : throw new AksaraValueException(description, "DateTime values must be UTC", Message(value));

    internal static TCollection EnsureAll<TCollection>(TCollection values, string description) where TCollection : IEnumerable<DateTime>
    {
        foreach (var value in values)
            Ensure(value, description);
        return values;
    }

    private static string Message(DateTime value) =>
        $"DateTime values must be UTC, got Kind={value.Kind}. Aksara stores DateTime as timestamptz and does not guess " +
        "time zones: pass value.ToUniversalTime() (for Local), DateTime.SpecifyKind(value, DateTimeKind.Utc) (for a UTC value of unknown kind), or a DateTimeOffset.";
}
