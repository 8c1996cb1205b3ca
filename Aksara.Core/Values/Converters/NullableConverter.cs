using System.Collections;
using Npgsql;

namespace Aksara.Values.Converters;

/// <summary>A <c>Nullable&lt;T&gt;</c>: null is a typed NULL, a value goes through the converter of <typeparamref name="T"/>.</summary>
internal sealed class NullableConverter<T>(ValueConverter<T> inner) : ValueConverter<T?>(inner.DbType, inner.Description)
    where T : struct
{
    internal override NpgsqlParameter CreateParameter(T? value) => value.HasValue ? inner.CreateParameter(value.GetValueOrDefault()) : CreateNullParameter();

    internal override Task WriteAsync(NpgsqlBinaryImporter importer, T? value, CancellationToken cancellationToken) =>
        value.HasValue ? inner.WriteAsync(importer, value.GetValueOrDefault(), cancellationToken) : importer.WriteNullAsync(cancellationToken);

    private protected override T? ReadValue(object value) => inner.Read(value);

    internal override object? ToDbValue(object? value) => inner.ToDbValue(value);

    internal override Array ToDbArray(IEnumerable values, out bool hadNull) => inner.ToDbArray(values, out hadNull);
}
