using Aksara.Migrations.Schema;
using Npgsql;

namespace Aksara.Migrations.Introspection;

/// <summary>
/// <c>aksara migrate --check</c>'s comparison of the live database with the snapshot: every table, column, type,
/// nullability, default, identity, constraint and index that is missing, extra or different, INVALID indexes and
/// NOT VALID constraints. Tables the snapshot does not hold are listed as unmanaged, never as drift.
/// </summary>
/// <remarks>
/// Only the snapshot's schemas and <c>public</c> are looked at: a schema the snapshot never used belongs to someone
/// else (another application, an extension), and listing its tables would bury the ones that matter. The snapshot's
/// expressions are compared after the server has normalised them (<see cref="SnapshotNormalizer"/>), in a transaction that
/// is always rolled back, so the check changes nothing.
/// </remarks>
internal static class DriftCheck
{
    /// <param name="connection">An open connection with no transaction in progress.</param>
    /// <param name="journalTable">The migration journal, which is never reported (<see cref="SchemaIntrospector.DefaultJournalTable"/> unless configured elsewhere).</param>
    /// <param name="kept">Indexes and constraints an adopted database's baseline created verbatim: no model describes them, so they are no drift.</param>
    public static async Task<DriftReport> RunAsync(
        NpgsqlConnection connection, DatabaseSchema snapshot, QualifiedName journalTable, IReadOnlyList<KeptObject>? kept = null, CancellationToken cancellationToken = default)
    {
        var schemas = snapshot.SchemaNames.Append(QualifiedName.DefaultSchema).Distinct(StringComparer.Ordinal).ToArray();

        // Never committed: disposing it rolls back, and the scratch tables go with it, whatever happened.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var live = (await SchemaIntrospector.ReadCatalogAsync(connection, schemas, journalTable, cancellationToken).ConfigureAwait(false))
            .ToDictionary(table => table.Name);
        var managed = snapshot.Tables.Where(table => live.ContainsKey(table.QualifiedName)).ToList();
        var normalized = await SnapshotNormalizer.NormalizeAsync(connection, managed, cancellationToken).ConfigureAwait(false);

        var differences = new List<SchemaDifference>();
        if (snapshot.EnumTypes.Count > 0)
        {
            var liveTypes = await SchemaIntrospector.ReadEnumTypesAsync(connection, schemas, cancellationToken).ConfigureAwait(false);
            differences.AddRange(CompareEnumTypes(snapshot.EnumTypes, liveTypes));
        }
        foreach (var table in snapshot.Tables)
        {
            if (!live.TryGetValue(table.QualifiedName, out var actual))
            {
                differences.Add(SchemaDifference.About(table.QualifiedName, null, DriftKind.TableMissing, "table is missing from the database"));
                continue;
            }
            differences.AddRange(normalized.Rejections.Where(rejection => rejection.Table == table.QualifiedName));
            differences.AddRange(TableDriftComparer.Compare(table, normalized.Tables[table.QualifiedName], actual)
                .Where(difference => !IsKept(difference, kept)));
        }
        var unmanaged = live.Keys.Where(name => snapshot.FindTable(name) is null).Order().ToList();
        return new DriftReport(differences, unmanaged);
    }

    private static bool IsKept(SchemaDifference difference, IReadOnlyList<KeptObject>? kept) =>
        difference.Kind is DriftKind.IndexExtra or DriftKind.ConstraintExtra
        && kept is not null && kept.Any(item => item.Table == difference.Table && item.Name == difference.Object);

    /// <summary>Enum types of the snapshot that are missing or labelled otherwise; types only the database has belong to someone else.</summary>
    private static IEnumerable<SchemaDifference> CompareEnumTypes(IReadOnlyList<EnumTypeSchema> snapshot, IReadOnlyList<EnumTypeSchema> live)
    {
        foreach (var type in snapshot)
        {
            var actual = live.FirstOrDefault(candidate => candidate.QualifiedName == type.QualifiedName);
            if (actual is null)
                yield return SchemaDifference.About(type.QualifiedName, null, DriftKind.EnumTypeMissing, "enum type is missing from the database");
            else if (!actual.Matches(type))
            {
                yield return SchemaDifference.About(type.QualifiedName, null, DriftKind.EnumLabelsDiffer,
                    $"enum type has the labels {Labels(actual)} in the database, {Labels(type)} in the snapshot");
            }
        }
    }

    private static string Labels(EnumTypeSchema type) => "(" + string.Join(", ", type.Labels.Select(label => $"'{label}'")) + ")";
}
