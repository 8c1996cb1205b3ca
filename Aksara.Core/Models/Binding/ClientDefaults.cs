namespace Aksara.Models.Binding;

internal enum ClientDefault { None, RandomUuid, CurrentTimestamp }

/// <summary>Column defaults whose value a client can produce itself, recognized by their SQL.</summary>
internal static class ClientDefaults
{
    internal static ClientDefault Recognize(string? defaultSql)
    {
        if (defaultSql is null)
            return ClientDefault.None;
        var sql = string.Concat(defaultSql.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        return sql switch
        {
            "gen_random_uuid()" or "uuid_generate_v4()" or "uuidv4()" or "uuidv7()" => ClientDefault.RandomUuid,
            "now()" or "current_timestamp" or "transaction_timestamp()" or "statement_timestamp()" or "clock_timestamp()" => ClientDefault.CurrentTimestamp,
            _ => ClientDefault.None,
        };
    }
}
