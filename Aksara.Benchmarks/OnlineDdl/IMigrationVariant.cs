using Aksara.Migrations.Diffing;

namespace Aksara.Benchmarks.OnlineDdl;

/// <summary>One way of writing and applying the model change: how the scripts are generated, and what applies them.</summary>
internal interface IMigrationVariant
{
    /// <summary>A short label, for the timeline and the table.</summary>
    string Name { get; }

    /// <summary>One line: what the scripts are and what applies them.</summary>
    string Description { get; }

    DiffOptions DiffOptions { get; }

    /// <summary>Applies the scripts of <paramref name="folder"/> to the live table; the outcome's wall time is what it took.</summary>
    Task<MigrationOutcome> ApplyAsync(string databaseUrl, string folder, RunTimeline timeline, CancellationToken cancellationToken);
}
