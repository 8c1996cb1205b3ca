namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>One variant's run: what the writers saw, how the migration went, and what the table looked like after it.</summary>
/// <param name="Scripts">The generated scripts, in the order they were applied.</param>
/// <param name="ReadTransactions">How many of the periodic read transactions ran during the load.</param>
/// <param name="SchemaDifferences">The drift check's findings against the changed model: empty when the table is exactly that.</param>
/// <param name="ObjectsAfter">The valid constraints and indexes of <c>bench_orders</c> after the migration.</param>
/// <param name="NoteIsNotNull">Whether <c>bench_orders.note</c> is NOT NULL after the migration.</param>
/// <param name="Timeline">What happened when, on the load's clock.</param>
public sealed record VariantResult(
    string Name,
    string Description,
    IReadOnlyList<string> Scripts,
    WriteLoadResult Load,
    MigrationOutcome Migration,
    int ReadTransactions,
    IReadOnlyList<string> SchemaDifferences,
    IReadOnlyList<string> ObjectsAfter,
    bool NoteIsNotNull,
    IReadOnlyList<string> Timeline);
