using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Aksara;

/// <summary>
/// Aksara's settings. Bound from the <c>Aksara</c> section of <c>appsettings.json</c>, a <c>.env</c> file,
/// the environment (<c>DATABASE_URL</c>, <c>AKSARA_*</c>) and code, later sources winning.
/// </summary>
public sealed class AksaraOptions
{
    public const string SectionName = "Aksara";
    public const int DefaultPoolMinSize = 5;
    public const int DefaultPoolMaxSize = 20;
    public const string DefaultSchema = "public";

    /// <summary>A libpq URI (<c>postgresql://user:password@host:5432/db</c>) or an Npgsql keyword string.</summary>
    public string? DatabaseUrl { get; set; }

    private int? _poolMinSize;

    /// <summary>
    /// Connections opened when the pool starts and kept open while idle. When not set it is
    /// <see cref="DefaultPoolMinSize"/>, or <see cref="PoolMaxSize"/> when that is smaller, so that setting only a small
    /// maximum works; a minimum set above the maximum is an error.
    /// </summary>
    public int PoolMinSize
    {
        get => _poolMinSize ?? Math.Min(DefaultPoolMinSize, PoolMaxSize);
        set => _poolMinSize = value;
    }

    /// <summary>
    /// Binds the <c>Aksara</c> section onto these options. The configuration binder writes back every property it reads,
    /// which would turn an unset <see cref="PoolMinSize"/> into an explicit one; without its key it stays as it was.
    /// </summary>
    internal void BindSection(IConfiguration section)
    {
        var poolMinSize = _poolMinSize;
        section.Bind(this);
        if (section[nameof(PoolMinSize)] is null)
            _poolMinSize = poolMinSize;
    }

    /// <summary>True when <see cref="PoolMinSize"/> was not set and follows a <see cref="PoolMaxSize"/> below its default.</summary>
    internal bool PoolMinSizeFollowsMax => _poolMinSize is null && PoolMaxSize < DefaultPoolMinSize;

    /// <summary>Upper bound of open connections; a query waits for a free one up to <see cref="ConnectionTimeoutSeconds"/>.</summary>
    public int PoolMaxSize { get; set; } = DefaultPoolMaxSize;

    /// <summary>
    /// The migrations folder. A relative path is found as <see cref="AksaraSettings.ResolveMigrationsDir"/> says: in the
    /// content root (the current directory) when it exists there, else in the app's base directory, where the build and
    /// <c>dotnet publish</c> copy <c>migrations/</c>.
    /// </summary>
    public string MigrationsDir { get; set; } = "migrations";

    /// <summary>Seconds a statement may run before it is cancelled (Npgsql's <c>Command Timeout</c>).</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds to wait for a connection, both to establish one and to get one from a full pool (Npgsql's <c>Timeout</c>).
    /// A <c>connect_timeout</c> in the URL takes precedence.
    /// </summary>
    public int ConnectionTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// The schema of every model without <c>[Table(Schema = …)]</c> (<c>AKSARA_SCHEMA</c>): <c>makemigrations</c> writes
    /// their tables there, and connections search it first (<c>search_path</c> is set to it, then <c>public</c>, unless the
    /// URL sets one), so raw SQL that names a table without its schema finds the same table the model does.
    /// </summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>Reported to PostgreSQL (<c>pg_stat_activity.application_name</c>) unless the URL sets <c>application_name</c>.</summary>
    public string ApplicationName { get; set; } = "aksara";

    /// <summary>
    /// Read replicas (<c>Aksara:Replicas</c>, <c>AKSARA_REPLICA_URLS</c> separated by spaces or commas): URLs like
    /// <see cref="DatabaseUrl"/>, each a standby or a multi-host URL. <see cref="Database.Replica"/> reads from them; with
    /// none, from a multi-host <see cref="DatabaseUrl"/>'s standbys, or else from the primary.
    /// </summary>
    public List<string> Replicas { get; set; } = [];

    /// <summary>Seconds a replica may lag behind the primary and still be read from (<c>AKSARA_REPLICA_MAX_LAG</c>); beyond, reads go elsewhere.</summary>
    public double ReplicaMaxLagSeconds { get; set; } = 10;

    /// <summary>Seconds between two checks of each replica's connection and lag.</summary>
    public double ReplicaCheckIntervalSeconds { get; set; } = 2;

    /// <summary>Connections of this database only read (<c>default_transaction_read_only</c>): the replicas' and their fallback's.</summary>
    internal bool ReadOnly { get; set; }

    /// <summary>Replaces the URL's target_session_attrs: the standbys of a multi-host URL are read with <c>prefer-standby</c>.</summary>
    internal string? TargetSessionAttributes { get; set; }

    /// <summary>
    /// Whether <see cref="DatabaseUrl"/> points at PgBouncer, and in which pool mode (<c>AKSARA_PGBOUNCER=transaction</c>):
    /// see <see cref="PgBouncerMode"/>.
    /// </summary>
    public PgBouncerMode PgBouncer { get; set; }

    /// <summary>Let the host start even when the database cannot be reached; <c>/health</c> then reports it.</summary>
    public bool StartWithoutDatabase { get; set; }

    /// <summary>Settings of the migration runner (<c>Aksara:Migrations:*</c>).</summary>
    public AksaraMigrationOptions Migrations { get; set; } = new();

    /// <summary>Receives Aksara's and Npgsql's log output. Never given a password.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    private List<Action<NpgsqlDataSourceBuilder>> _dataSourceCallbacks = [];

    /// <summary>
    /// Configures the <see cref="NpgsqlDataSourceBuilder"/> of the database's pool, as Npgsql users do: type mappings and
    /// plugins (NodaTime, NetTopologySuite), SSL callbacks, a password provider for cloud IAM tokens
    /// (<c>UsePeriodicPasswordProvider</c>), <c>UseLoggerFactory</c>. Runs after Aksara has applied the URL and its own
    /// settings, so what it sets wins; several calls run in order. Returns these options, for chaining.
    /// </summary>
    public AksaraOptions ConfigureDataSource(Action<NpgsqlDataSourceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _dataSourceCallbacks.Add(configure);
        return this;
    }

    /// <summary>What <see cref="ConfigureDataSource"/> was given, in order.</summary>
    internal IReadOnlyList<Action<NpgsqlDataSourceBuilder>> DataSourceCallbacks => _dataSourceCallbacks;

    /// <summary>Throws <see cref="AksaraConfigurationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (PoolMaxSize < 1)
            throw new AksaraConfigurationException($"PoolMaxSize must be at least 1 (got {PoolMaxSize}). Set AKSARA_POOL_MAX_SIZE or Aksara:PoolMaxSize.");
        if (PoolMinSize < 0)
            throw new AksaraConfigurationException($"PoolMinSize must be 0 or more (got {PoolMinSize}). Set AKSARA_POOL_MIN_SIZE or Aksara:PoolMinSize.");
        if (PoolMinSize > PoolMaxSize)
            throw new AksaraConfigurationException(
                $"PoolMinSize ({PoolMinSize}) must not exceed PoolMaxSize ({PoolMaxSize}). Lower AKSARA_POOL_MIN_SIZE (Aksara:PoolMinSize), " +
                "or leave it unset to have it follow a small maximum, or raise AKSARA_POOL_MAX_SIZE (Aksara:PoolMaxSize).");
        if (CommandTimeoutSeconds < 0)
            throw new AksaraConfigurationException($"CommandTimeoutSeconds must be 0 (no limit) or more (got {CommandTimeoutSeconds}).");
        if (ConnectionTimeoutSeconds < 1)
            throw new AksaraConfigurationException($"ConnectionTimeoutSeconds must be at least 1 (got {ConnectionTimeoutSeconds}).");
        if (Migrations.DdlLockTimeout < 0 || double.IsNaN(Migrations.DdlLockTimeout))
            throw new AksaraConfigurationException($"Migrations:DdlLockTimeout must be 0 (no limit) or more seconds (got {Migrations.DdlLockTimeout}). Set AKSARA_MIGRATIONS_DDL_LOCK_TIMEOUT or Aksara:Migrations:DdlLockTimeout.");
        if (string.IsNullOrWhiteSpace(Schema))
            throw new AksaraConfigurationException("Schema must not be empty. Set AKSARA_SCHEMA or Aksara:Schema to the schema of the models (public when not set).");
        if (Migrations.Schema is not null && string.IsNullOrWhiteSpace(Migrations.Schema))
            throw new AksaraConfigurationException("Migrations:Schema must not be empty. Set AKSARA_MIGRATIONS_SCHEMA or Aksara:Migrations:Schema to the schema of the migrations journal, or leave it unset to keep the journal in the models' schema (Aksara:Schema).");
        if (ReplicaMaxLagSeconds < 0 || double.IsNaN(ReplicaMaxLagSeconds))
            throw new AksaraConfigurationException($"ReplicaMaxLagSeconds must be 0 or more (got {ReplicaMaxLagSeconds}). Set AKSARA_REPLICA_MAX_LAG or Aksara:ReplicaMaxLagSeconds.");
        if (!(ReplicaCheckIntervalSeconds > 0))
            throw new AksaraConfigurationException($"ReplicaCheckIntervalSeconds must be more than 0 (got {ReplicaCheckIntervalSeconds}). Set Aksara:ReplicaCheckIntervalSeconds.");
        if (string.IsNullOrWhiteSpace(MigrationsDir))
            throw new AksaraConfigurationException("MigrationsDir must not be empty. Set AKSARA_MIGRATIONS_DIR or Aksara:MigrationsDir.");
    }

    /// <summary>
    /// The folder that relative paths (<see cref="MigrationsDir"/>) are taken from: the host's content root, or the folder
    /// whose settings were loaded; null means the current directory. Set when the options are bound, never by configuration.
    /// </summary>
    internal string? ContentRoot { get; set; }

    /// <summary>Where the migrations journal lives: <c>Aksara:Migrations:Schema</c>, else <see cref="Schema"/>.</summary>
    internal string JournalSchema => Migrations.Schema ?? Schema;

    /// <summary>The full path of <see cref="MigrationsDir"/>, resolved by <see cref="AksaraSettings.ResolveMigrationsDir"/>.</summary>
    internal string MigrationsPath => AksaraSettings.ResolveMigrationsDir(MigrationsDir, ContentRoot);

    internal AksaraOptions Clone()
    {
        var clone = (AksaraOptions)MemberwiseClone();
        clone.Migrations = Migrations with { };
        clone._dataSourceCallbacks = [.. _dataSourceCallbacks];
        clone.Replicas = [.. Replicas];
        return clone;
    }
}
