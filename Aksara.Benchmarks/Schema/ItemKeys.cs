using System.Security.Cryptography;
using System.Text;

namespace Aksara.Benchmarks;

/// <summary>The uuid keys of the seeded <c>items</c>, computed as the seed script does: <c>md5('item' || seq)::uuid</c>.</summary>
public static class ItemKeys
{
    public static Guid ForSeq(int seq) =>
        Guid.ParseExact(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("item" + seq))), "N");

    public static Guid[] All() => Enumerable.Range(1, SampleData.ItemRows).Select(ForSeq).ToArray();
}
