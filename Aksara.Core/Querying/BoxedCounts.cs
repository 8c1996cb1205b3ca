namespace Aksara.Querying;

/// <summary>
/// LIMIT and OFFSET values boxed once: a typed query sends them as bigint parameters on every call, and the same
/// few values (a page size, the first pages) come back again and again.
/// </summary>
internal static class BoxedCounts
{
    private const int Cached = 1024;
    private static readonly object?[] s_boxes = new object?[Cached];

    internal static object Of(int count) => (uint)count < Cached ? s_boxes[count] ??= (long)count : (long)count;
}
