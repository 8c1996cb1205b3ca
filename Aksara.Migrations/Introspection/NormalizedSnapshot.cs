using Aksara.Migrations.Schema;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// Snapshot tables as the server itself spells them (see <see cref="SnapshotNormalizer"/>), under their snapshot names.
/// An object the server refused is absent from its table and has its <see cref="Rejections"/> entry instead.
/// </summary>
internal sealed record NormalizedSnapshot(IReadOnlyDictionary<QualifiedName, CatalogTable> Tables, IReadOnlyList<SchemaDifference> Rejections);
