using System.ComponentModel.DataAnnotations.Schema;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;

namespace Aksara.Tests.Migrations;

/// <summary>
/// Models that describe a database made by hand: its constraint names, composite unique constraints, ON UPDATE actions
/// and key orders survive makemigrations, the database and the drift check, and a hand-made database they describe
/// diffs as nothing.
/// </summary>
public sealed class AdoptedSchemaTests : MigrationTestBase
{
    private const string HandMade = """
        CREATE TABLE language (
            language_id integer NOT NULL,
            name text NOT NULL,
            CONSTRAINT language_pkey PRIMARY KEY (language_id),
            CONSTRAINT "it's ""the"" name" UNIQUE (name)
        );
        CREATE TABLE film_actor (
            actor_id integer NOT NULL,
            film_id integer NOT NULL,
            role text NOT NULL,
            language_id integer,
            CONSTRAINT film_actor_pkey PRIMARY KEY (film_id, actor_id),
            CONSTRAINT film_actor_role_key UNIQUE (film_id, role),
            CONSTRAINT film_actor_language_id_fkey FOREIGN KEY (language_id) REFERENCES language (language_id) ON UPDATE CASCADE ON DELETE SET NULL
        );
        """;

    [Table("language")]
    public sealed class Language
    {
        // The hand-made key is a plain integer the application fills, not an identity.
        [PrimaryKey(Name = "language_pkey"), DatabaseGenerated(DatabaseGeneratedOption.None)]
        public int LanguageId { get; set; }

        [Unique(Name = "it's \"the\" name")]
        public string Name { get; set; } = "";
    }

    [Table("film_actor")]
    [Unique(nameof(FilmId), nameof(Role), Name = "film_actor_role_key")]
    public sealed class FilmActor
    {
        [PrimaryKey(Order = 1, Name = "film_actor_pkey")]
        public int ActorId { get; set; }

        [PrimaryKey(Order = 0)]
        public int FilmId { get; set; }

        public string Role { get; set; } = "";

        [ForeignKey(typeof(Language), Name = "film_actor_language_id_fkey", OnDelete = OnDelete.SetNull, OnUpdate = OnUpdate.Cascade)]
        public int? LanguageId { get; set; }
    }

    [Table("film_actor")]
    [Unique(nameof(FilmId), nameof(Role), Name = "film_actor_role_key")]
    public sealed class FilmActorNoUpdateAction
    {
        [PrimaryKey(Order = 1, Name = "film_actor_pkey")]
        public int ActorId { get; set; }

        [PrimaryKey(Order = 0)]
        public int FilmId { get; set; }

        public string Role { get; set; } = "";

        [ForeignKey(typeof(Language), Name = "film_actor_language_id_fkey", OnDelete = OnDelete.SetNull)]
        public int? LanguageId { get; set; }
    }

    private static DatabaseSchema Models() => SchemaFromModels.Build([typeof(Language), typeof(FilmActor)]);

    [Test]
    public async Task Makemigrations_writes_the_given_names_and_actions_and_the_database_has_them()
    {
        var migration = await MigrateToAsync(Models());

        Assert.That(migration.Script, Does.Contain("\"language_id\" integer NOT NULL,")
            .And.Contain("CONSTRAINT \"film_actor_pkey\" PRIMARY KEY (\"film_id\", \"actor_id\")")
            .And.Contain("CONSTRAINT \"it's \"\"the\"\" name\" UNIQUE (\"name\")")
            .And.Contain("CONSTRAINT \"film_actor_role_key\" UNIQUE (\"film_id\", \"role\")")
            .And.Contain("REFERENCES \"public\".\"language\" (\"language_id\") ON DELETE SET NULL ON UPDATE CASCADE"));
        Assert.That(await ConstraintsAsync(), Is.EqualTo(new[]
        {
            "film_actor_language_id_fkey: FOREIGN KEY (language_id) REFERENCES language(language_id) ON UPDATE CASCADE ON DELETE SET NULL",
            "film_actor_pkey: PRIMARY KEY (film_id, actor_id)",
            "film_actor_role_key: UNIQUE (film_id, role)",
            "it's \"the\" name: UNIQUE (name)",
            "language_pkey: PRIMARY KEY (language_id)",
        }));
    }

    [Test]
    public async Task A_hand_made_database_the_models_describe_differs_in_nothing()
    {
        await ExecuteAsync(HandMade);

        var live = await ReadLiveSchemaAsync();
        Assert.That(new SchemaDiffer().Diff(live, Models()).Select(operation => operation.Describe()), Is.Empty);

        // Adopting it: the baseline's snapshot is the models, and the drift check finds the database to be it.
        Generate(Models());
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty);
    }

    [Test]
    public async Task The_drift_check_sees_an_on_update_action_the_snapshot_does_not_have()
    {
        await ExecuteAsync(HandMade);
        Generate(SchemaFromModels.Build([typeof(Language), typeof(FilmActorNoUpdateAction)]));

        var report = await CheckDriftAsync();

        Assert.That(report.Differences.Select(difference => $"{difference.Object} {difference.Kind}"), Is.EqualTo(new[] { "film_actor_language_id_fkey ConstraintDiffers" }), string.Join("\n", report.Lines));
        Assert.That(report.Lines.Single(), Does.Contain("ON UPDATE CASCADE ON DELETE SET NULL in the database")
            .And.Contain("REFERENCES language(language_id) ON DELETE SET NULL in the snapshot"));
    }

    [Test]
    public async Task Changing_on_update_drops_and_adds_the_key_again_without_blocking_writes()
    {
        var before = await MigrateToAsync(SchemaFromModels.Build([typeof(Language), typeof(FilmActorNoUpdateAction)]));
        await ExecuteAsync("INSERT INTO language VALUES (1, 'English'); INSERT INTO film_actor VALUES (7, 3, 'lead', 1);");

        var migration = await MigrateToAsync(Models());

        Assert.That(migration.Operations.Select(operation => operation.Describe()), Is.EqualTo(new[]
        {
            "Drop foreign key film_actor_language_id_fkey on film_actor",
            "Add foreign key film_actor_language_id_fkey: film_actor (language_id) references language ON DELETE SET NULL ON UPDATE CASCADE",
        }));
        Assert.That(migration.Scripts.Select(script => script.Up), Has.Some.Contain("ON DELETE SET NULL ON UPDATE CASCADE NOT VALID;")
            .And.Some.Contain("VALIDATE CONSTRAINT \"film_actor_language_id_fkey\""));
        await ExecuteAsync("UPDATE language SET language_id = 2");
        Assert.That(await ScalarAsync<int>("SELECT language_id FROM film_actor"), Is.EqualTo(2), "the key follows the update");

        var result = await Runner().MigrateToAsync(before.Scripts[^1].Name);
        Assert.That(result.Error, Is.Null);
        Assert.That(await ConstraintsAsync(), Has.Member("film_actor_language_id_fkey: FOREIGN KEY (language_id) REFERENCES language(language_id) ON DELETE SET NULL"));
    }

    [Test]
    public async Task Rows_are_read_and_deleted_by_a_composite_key_whose_order_differs_from_the_properties()
    {
        await MigrateToAsync(Models());
        await Database.InsertAsync(new Language { LanguageId = 1, Name = "English" });
        await Database.InsertAsync(new FilmActor { ActorId = 7, FilmId = 3, Role = "lead", LanguageId = 1 });
        await Database.InsertAsync(new FilmActor { ActorId = 3, FilmId = 7, Role = "extra" });

        // The tuple follows the key's column order (FilmId, ActorId), not the properties' declaration order.
        var found = await Database.GetAsync<FilmActor>((3, 7));
        Assert.That(found?.Role, Is.EqualTo("lead"));
        Assert.That(await Database.DeleteAsync<FilmActor>((7, 3)), Is.True);
        Assert.That(await Database.GetAsync<FilmActor>((3, 7)), Is.Not.Null, "(7, 3) was the other row");
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM film_actor"), Is.EqualTo(1));
    }

    [Test]
    public void The_snapshot_holds_on_update_only_when_it_is_not_no_action_and_reads_it_back()
    {
        var snapshot = new SchemaSnapshot(Models(), "0001_initial");

        var json = snapshot.ToJson();

        Assert.That(json, Does.Contain("\"onDelete\":\"SetNull\",\"onUpdate\":\"Cascade\""));
        Assert.That(new SchemaSnapshot(SchemaFromModels.Build([typeof(Language), typeof(FilmActorNoUpdateAction)]), null).ToJson(), Does.Not.Contain("onUpdate"),
            "snapshots of keys without ON UPDATE read as they did");
        var key = SchemaSnapshot.Parse(json, "test").Schema.FindTable(new QualifiedName("public", "film_actor"))!.ForeignKeys.Single();
        Assert.That((key.Name, key.OnDelete, key.OnUpdate), Is.EqualTo(("film_actor_language_id_fkey", OnDelete.SetNull, OnUpdate.Cascade)));
    }

    private async Task<List<string>> ConstraintsAsync()
    {
        var constraints = new List<string>();
        // PostgreSQL 18 lists NOT NULL in pg_constraint too (contype 'n'); the script's column definitions cover those.
        await using var command = DataSource.CreateCommand(
            "SELECT conname || ': ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('language'::regclass, 'film_actor'::regclass) AND contype <> 'n' ORDER BY conname");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            constraints.Add(reader.GetString(0));
        return constraints;
    }
}
