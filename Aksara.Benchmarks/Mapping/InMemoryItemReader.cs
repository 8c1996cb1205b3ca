using System.Collections;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Aksara.Benchmarks;

/// <summary>
/// A <see cref="DbDataReader"/> over <see cref="Item"/>s held in memory, shaped like Npgsql's reader of
/// <c>SELECT id, seq, name, email, price, is_active, created_at FROM items</c>: typed getters that do not box,
/// <see cref="GetValue"/> that does. It isolates what a materializer costs from the database and the wire.
/// </summary>
public sealed class InMemoryItemReader(Item[] rows) : DbDataReader
{
    private static readonly string[] Names = ["id", "seq", "name", "email", "price", "is_active", "created_at"];
    private static readonly Type[] Types = [typeof(Guid), typeof(int), typeof(string), typeof(string), typeof(decimal), typeof(bool), typeof(DateTime)];
    private static readonly string[] DataTypeNames = ["uuid", "integer", "text", "text", "numeric", "boolean", "timestamp with time zone"];

    private int _index = -1;

    private Item Current => _index >= 0 && _index < rows.Length ? rows[_index] : throw new InvalidOperationException("No current row.");

    public override int FieldCount => Names.Length;
    public override int RecordsAffected => -1;
    public override bool HasRows => rows.Length > 0;
    public override bool IsClosed => false;
    public override int Depth => 0;

    public override bool Read() => ++_index < rows.Length;

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Read() ? TrueTask : FalseTask;

    public override bool NextResult() => false;

    public override string GetName(int ordinal) => Names[ordinal];

    public override int GetOrdinal(string name) => Array.IndexOf(Names, name) is var i and >= 0 ? i : throw new IndexOutOfRangeException(name);

    public override string GetDataTypeName(int ordinal) => DataTypeNames[ordinal];

    [return: DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicProperties)]
    public override Type GetFieldType(int ordinal) => Types[ordinal];

    public override bool IsDBNull(int ordinal) => false;

    public override Guid GetGuid(int ordinal) => ordinal == 0 ? Current.Id : throw WrongType(ordinal, typeof(Guid));
    public override int GetInt32(int ordinal) => ordinal == 1 ? Current.Seq : throw WrongType(ordinal, typeof(int));
    public override string GetString(int ordinal) => ordinal switch
    {
        2 => Current.Name,
        3 => Current.Email,
        _ => throw WrongType(ordinal, typeof(string)),
    };
    public override decimal GetDecimal(int ordinal) => ordinal == 4 ? Current.Price : throw WrongType(ordinal, typeof(decimal));
    public override bool GetBoolean(int ordinal) => ordinal == 5 ? Current.IsActive : throw WrongType(ordinal, typeof(bool));
    public override DateTime GetDateTime(int ordinal) => ordinal == 6 ? Current.CreatedAt : throw WrongType(ordinal, typeof(DateTime));

    public override T GetFieldValue<T>(int ordinal)
    {
        if (typeof(T) == typeof(Guid)) return (T)(object)GetGuid(ordinal);
        if (typeof(T) == typeof(int)) return (T)(object)GetInt32(ordinal);
        if (typeof(T) == typeof(string)) return (T)(object)GetString(ordinal);
        if (typeof(T) == typeof(decimal)) return (T)(object)GetDecimal(ordinal);
        if (typeof(T) == typeof(bool)) return (T)(object)GetBoolean(ordinal);
        if (typeof(T) == typeof(DateTime)) return (T)(object)GetDateTime(ordinal);
        return (T)GetValue(ordinal);
    }

    public override object GetValue(int ordinal) => ordinal switch
    {
        0 => Current.Id,
        1 => Current.Seq,
        2 => Current.Name,
        3 => Current.Email,
        4 => Current.Price,
        5 => Current.IsActive,
        6 => Current.CreatedAt,
        _ => throw new IndexOutOfRangeException(ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    public override int GetValues(object[] values)
    {
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
            values[i] = GetValue(i);
        return count;
    }

    public override object this[int ordinal] => GetValue(ordinal);
    public override object this[string name] => GetValue(GetOrdinal(name));

    public override byte GetByte(int ordinal) => throw WrongType(ordinal, typeof(byte));
    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => throw WrongType(ordinal, typeof(byte[]));
    public override char GetChar(int ordinal) => throw WrongType(ordinal, typeof(char));
    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => throw WrongType(ordinal, typeof(char[]));
    public override double GetDouble(int ordinal) => throw WrongType(ordinal, typeof(double));
    public override float GetFloat(int ordinal) => throw WrongType(ordinal, typeof(float));
    public override short GetInt16(int ordinal) => throw WrongType(ordinal, typeof(short));
    public override long GetInt64(int ordinal) => throw WrongType(ordinal, typeof(long));

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    private static InvalidCastException WrongType(int ordinal, Type type) =>
        new($"Column {ordinal} ({Names[ordinal]}) is {Types[ordinal].Name}, not {type.Name}.");
}
