namespace Aksara.Values;

/// <summary>
/// <see cref="DateTimeOffset"/> ↔ timestamptz. Npgsql writes timestamptz only from offset 0; the instant is what
/// PostgreSQL stores, so sending it at UTC loses nothing. Read back, it is always at offset 0.
/// </summary>
internal static class UtcInstants
{
    internal static DateTimeOffset ToStored(DateTimeOffset value) => value.ToUniversalTime();

    internal static DateTimeOffset[] ToStoredAll(IEnumerable<DateTimeOffset> values)
    {
        var stored = values is ICollection<DateTimeOffset> collection ? new List<DateTimeOffset>(collection.Count) : [];
        foreach (var value in values)
            stored.Add(value.ToUniversalTime());
        return [.. stored];
    }

    /// <summary>The instant Npgsql's untyped read of a timestamp (a <see cref="DateTime"/>) stands for.</summary>
    internal static DateTimeOffset FromRead(DateTime value) => value switch
    {
        { Kind: DateTimeKind.Utc } => new DateTimeOffset(value),
        // Npgsql reads timestamptz 'infinity' and '-infinity' as DateTime.MaxValue and MinValue, of no kind.
        _ when value == DateTime.MinValue => DateTimeOffset.MinValue,
        _ when value == DateTime.MaxValue => DateTimeOffset.MaxValue,
        _ => throw new InvalidCastException(
            "A timestamp without time zone cannot be read as DateTimeOffset: it names no instant. Store instants in timestamptz columns, or read the value as DateTime."),
    };
}
