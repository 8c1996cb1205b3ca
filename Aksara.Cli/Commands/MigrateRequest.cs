namespace Aksara.Cli.Commands;

/// <summary>The options of one <c>aksara migrate</c> invocation.</summary>
internal sealed record MigrateRequest(
    string? DatabaseUrl,
    string? MigrationsDir,
    string? To,
    bool Yes,
    bool Check,
    bool NoDrift,
    string? App,
    bool List,
    bool Json,
    bool DryRun,
    bool Fake,
    string? Resolve,
    bool Applied,
    bool RolledBack,
    int? LockTimeoutSeconds)
{
    /// <summary><c>--ddl-lock-timeout</c>: seconds a statement may wait for a table lock; null keeps the configured value.</summary>
    public double? DdlLockTimeoutSeconds { get; init; }

    /// <summary><c>--ddl-retries</c>: attempts in all for a script that hit the DDL lock timeout.</summary>
    public int? DdlAttempts { get; init; }

    /// <summary><c>--grant-to</c>: the runtime role to grant after the run; null keeps <c>Aksara:Migrations:RuntimeRole</c>.</summary>
    public string? GrantTo { get; init; }

    /// <summary>The modes that exclude each other, by option name, as given.</summary>
    public IReadOnlyList<string> Modes =>
        new (bool On, string Name)[] { (Check, "--check"), (List, "--list"), (DryRun, "--dry-run"), (Fake, "--fake"), (Resolve is not null, "--resolve") }
            .Where(mode => mode.On).Select(mode => mode.Name).ToList();

    /// <summary>Why these options do not go together, or null when they do.</summary>
    public string? UsageError()
    {
        if (Modes.Count > 1)
            return $"{string.Join(" and ", Modes)} cannot be combined; pass one of them.";
        if (App is not null && !Check)
            return "--app goes with --check (to also check the models for changes without a migration).";
        if (NoDrift && !Check)
            return "--no-drift goes with --check.";
        if (To is not null && (Check || List || Resolve is not null))
            return "--to goes with a plain migrate, --dry-run or --fake.";
        if (Yes && To is null)
            return "--yes goes with --to (to confirm reverting through down scripts that delete data).";
        if (Resolve is not null && Applied == RolledBack)
            return $"--resolve {Resolve} needs one of --applied (its changes are all in the database) or --rolled-back (none of them are).";
        if (Resolve is null && (Applied || RolledBack))
            return "--applied and --rolled-back go with --resolve NAME.";
        if (LockTimeoutSeconds is < 0)
            return "--lock-timeout must be 0 or more seconds.";
        if (DdlLockTimeoutSeconds is { } ddl && (ddl < 0 || double.IsNaN(ddl) || double.IsInfinity(ddl)))
            return "--ddl-lock-timeout must be 0 (wait without limit) or more seconds.";
        if (DdlAttempts is < 1)
            return "--ddl-retries is the number of attempts in all and must be 1 or more.";
        return null;
    }
}
