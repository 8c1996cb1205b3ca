using NpgsqlTypes;

namespace Aksara.Models.Mapping;

/// <summary>How a column's values are converted between CLR and PostgreSQL.</summary>
internal enum ValueKind
{
    /// <summary>Sent and read as is: Npgsql maps the CLR type natively (uuid, integers, numeric, date, bytea, …).</summary>
    Plain,

    /// <summary><c>string</c>: checked for U+0000, which PostgreSQL text cannot hold.</summary>
    Text,

    /// <summary><c>DateTimeOffset</c>: normalized to UTC (Npgsql writes timestamptz only with offset 0).</summary>
    TimestampTz,

    /// <summary><c>DateTime</c>: must already be UTC; a Local or Unspecified value is an error, never a silent shift.</summary>
    UtcDateTime,

    /// <summary>An enum, stored as the text of its label (in a text column, or one of a PostgreSQL enum type).</summary>
    Enum,

    /// <summary>Serialized to <c>jsonb</c> with <see cref="AksaraJson.Options"/>.</summary>
    Json,

    /// <summary><c>[Column(Type = …)]</c> on a type Aksara has no mapping for: handed to Npgsql unchanged.</summary>
    PassThrough,
}

/// <summary>What a property type maps to: the DDL type, the parameter type, and the conversion.</summary>
/// <param name="SqlType">The type as written in DDL.</param>
/// <param name="DbType">The Npgsql parameter type; null lets Npgsql infer it from the value.</param>
/// <param name="Kind">The conversion of a value (of an element, for arrays).</param>
/// <param name="ElementType">For <c>T[]</c> and <c>List&lt;T&gt;</c> columns: <c>T</c>.</param>
/// <param name="EnumType">For a <c>[PgEnum]</c> enum: the PostgreSQL enum type the column has.</param>
internal sealed record ColumnType(string SqlType, NpgsqlDbType? DbType, ValueKind Kind, Type? ElementType = null, PgEnumType? EnumType = null);
