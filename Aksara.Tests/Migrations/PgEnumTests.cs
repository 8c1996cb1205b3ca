using Aksara.Migrations.Diffing;
using Aksara.Migrations.Introspection;
using Aksara.Migrations.Schema;
using NpgsqlTypes;

namespace Aksara.Tests.Migrations;

/// <summary>
/// <c>[PgEnum]</c>: a C# enum stored as a PostgreSQL enum type, created and extended by makemigrations, checked by the
/// drift check, and written and read as its labels through every path.
/// </summary>
public sealed class PgEnumTests : MigrationTestBase
{
    [PgEnum("mpaa_rating")]
    public enum MpaaRating
    {
        G,
        PG,
        [PgName("PG-13")] Pg13,
        R,
        [PgName("NC-17")] Nc17,
    }

    [PgEnum("mpaa_rating")]
    public enum MpaaRatingWithPg15
    {
        G,
        PG,
        [PgName("PG-13")] Pg13,
        [PgName("PG-15")] Pg15,
        R,
        [PgName("NC-17")] Nc17,
        X,
    }

    [PgEnum("mpaa_rating")]
    public enum MpaaRatingWithoutR
    {
        G,
        PG,
        [PgName("PG-13")] Pg13,
        [PgName("NC-17")] Nc17,
    }

    [PgEnum("it's \"mood\"", Schema = "moods")]
    public enum Mood
    {
        Happy,
        [PgName("it's")] Its,
    }

    [Table("films")]
    public sealed class Film
    {
        [PrimaryKey]
        public int FilmId { get; set; }

        public string Title { get; set; } = "";

        public MpaaRating Rating { get; set; }

        public MpaaRating? Previous { get; set; }

        public Mood Mood { get; set; }
    }

    [Table("films")]
    public sealed class FilmWithPg15
    {
        [PrimaryKey]
        public int FilmId { get; set; }

        public string Title { get; set; } = "";

        public MpaaRatingWithPg15 Rating { get; set; }

        public MpaaRatingWithPg15? Previous { get; set; }

        public Mood Mood { get; set; }

        [Default("'PG-15'")]
        public MpaaRatingWithPg15? Suggested { get; set; }
    }

    [Table("films")]
    public sealed class FilmWithoutR
    {
        [PrimaryKey]
        public int FilmId { get; set; }

        public string Title { get; set; } = "";

        public MpaaRatingWithoutR Rating { get; set; }

        public MpaaRatingWithoutR? Previous { get; set; }

        public Mood Mood { get; set; }
    }

    [Table("plain_films")]
    public sealed class PlainFilm
    {
        [PrimaryKey]
        public int FilmId { get; set; }
    }

    public enum TextRating
    {
        G,
        [PgName("PG-13")] Pg13,
    }

    [PgEnum("text_rating")]
    public enum EnumRating
    {
        G,
        [PgName("PG-13")] Pg13,
    }

    [Table("shows")]
    public sealed class ShowAsText
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Default("'G'")]
        public TextRating Rating { get; set; }
    }

    [Table("shows")]
    public sealed class ShowAsEnum
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Default("'G'")]
        public EnumRating Rating { get; set; }
    }

    [PgEnum("show_rating")]
    public enum RenamedRating
    {
        G,
        [PgName("PG-13")] Pg13,
    }

    [Table("shows")]
    public sealed class ShowAsRenamedEnum
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Default("'G'")]
        public RenamedRating Rating { get; set; }
    }

    private static DatabaseSchema Models() => SchemaFromModels.Build([typeof(Film)]);

    [Test]
    public async Task A_text_column_becomes_an_enum_column_then_another_enum_keeping_its_values_and_back()
    {
        var before = await MigrateAndReloadTypesAsync(SchemaFromModels.Build([typeof(ShowAsText)]));
        await Database.InsertAsync(new ShowAsText { Rating = TextRating.Pg13 });

        var refused = Assert.Throws<MigrationRefusedException>(() => Generate(SchemaFromModels.Build([typeof(ShowAsEnum)])));
        Assert.That(refused!.Message, Does.Contain("shows.rating changes type from text to text_rating"));
        var migration = await MigrateAndReloadTypesAsync(SchemaFromModels.Build([typeof(ShowAsEnum)]), new DiffOptions { AllowDestructive = true, AllowRewrite = true });

        Assert.That(migration.Operations.Select(operation => operation.Describe()), Is.EqualTo(new[]
        {
            "Create enum type text_rating (G, PG-13)",
            "Drop default of shows.rating",
            "Change type of shows.rating from text to text_rating (narrowing: values that do not fit make it fail or are cut)",
            "Set default of shows.rating to 'G'",
        }));
        Assert.That((await Database.GetAsync<ShowAsEnum>(1))!.Rating, Is.EqualTo(EnumRating.Pg13));

        var renamed = await MigrateAndReloadTypesAsync(SchemaFromModels.Build([typeof(ShowAsRenamedEnum)]), new DiffOptions { AllowDestructive = true, AllowRewrite = true });
        Assert.That(renamed.Script, Does.Contain("TYPE show_rating USING \"rating\"::text::show_rating;").And.Contain("DROP TYPE \"public\".\"text_rating\";"));
        Assert.That((await Database.GetAsync<ShowAsRenamedEnum>(1))!.Rating, Is.EqualTo(RenamedRating.Pg13));

        var reverted = await Runner().MigrateToAsync(before.Scripts[^1].Name, allowDestructive: true);
        Assert.That(reverted.Error, Is.Null);
        Assert.That(await ScalarAsync<string>("SELECT rating || ' ' || pg_typeof(rating) FROM shows"), Is.EqualTo("PG-13 text"));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_type WHERE typtype = 'e'"), Is.Zero);
    }

    /// <summary>Migrates, then has the application's data source learn the types the migration created (Npgsql loads them when it first connects).</summary>
    private async Task<Aksara.Migrations.Generation.GeneratedMigration> MigrateAndReloadTypesAsync(DatabaseSchema models, DiffOptions? options = null)
    {
        var migration = await MigrateToAsync(models, options);
        await Database.DataSource.ReloadTypesAsync();
        return migration;
    }

    [Test]
    public async Task Makemigrations_creates_the_types_before_the_tables_and_drops_them_on_the_way_back()
    {
        var migration = await MigrateToAsync(Models());

        var up = migration.Scripts.Single().Up;
        Assert.That(up, Does.Contain("IF to_regnamespace('\"moods\"') IS NULL THEN CREATE SCHEMA \"moods\"; END IF;")
            .And.Contain("CREATE TYPE \"moods\".\"it's \"\"mood\"\"\" AS ENUM ('Happy', 'it''s');")
            .And.Contain("CREATE TYPE \"public\".\"mpaa_rating\" AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');")
            .And.Contain("\"rating\" mpaa_rating NOT NULL,")
            .And.Contain("\"mood\" moods.\"it's \"\"mood\"\"\" NOT NULL"));
        Assert.That(up.IndexOf("CREATE TYPE \"public\".\"mpaa_rating\"", StringComparison.Ordinal), Is.LessThan(up.IndexOf("CREATE TABLE", StringComparison.Ordinal)));
        Assert.That(await ScalarAsync<string>("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'films'::regclass AND attname = 'rating'"),
            Is.EqualTo("mpaa_rating"));
        Assert.That(migration.Scripts.Single().Down, Does.Contain("DROP TYPE \"public\".\"mpaa_rating\";"));

        var reverted = await Runner().MigrateToAsync("zero", allowDestructive: true);
        Assert.That(reverted.Error, Is.Null);
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_type WHERE typtype = 'e'"), Is.Zero);
    }

    [Test]
    public async Task Values_go_and_come_as_their_labels_on_every_path()
    {
        await MigrateAndReloadTypesAsync(Models());

        var inserted = await Database.InsertAsync(new Film { Title = "Alien", Rating = MpaaRating.R, Previous = MpaaRating.Pg13, Mood = Mood.Its });
        await Database.InsertManyAsync([new Film { Title = "Up", Rating = MpaaRating.PG, Mood = Mood.Happy }, new Film { Title = "Saw", Rating = MpaaRating.Nc17, Mood = Mood.Its }]);
        inserted.Previous = MpaaRating.Nc17;
        await Database.UpdateAsync(inserted);

        Assert.That(await ScalarAsync<string>("SELECT string_agg(title || ':' || rating || ':' || coalesce(previous::text, '-') || ':' || mood, ' ' ORDER BY film_id) FROM films"),
            Is.EqualTo("Alien:R:NC-17:it's Up:PG:-:Happy Saw:NC-17:-:it's"));
        var read = await Database.GetAsync<Film>(inserted.FilmId);
        Assert.That((read!.Rating, read.Previous, read.Mood), Is.EqualTo((MpaaRating.R, (MpaaRating?)MpaaRating.Nc17, Mood.Its)));
        var raw = await Database.FetchAsync<Film>("SELECT * FROM films WHERE rating = $1", MpaaRating.Nc17);
        Assert.That(raw.Select(film => film.Title), Is.EqualTo(new[] { "Saw" }));
        Assert.That(await Database.FetchAsync<MpaaRating>("SELECT rating FROM films ORDER BY film_id"), Is.EqualTo(new[] { MpaaRating.R, MpaaRating.PG, MpaaRating.Nc17 }));
        Assert.That(await Database.Table<Film>().Where(film => film.Rating == MpaaRating.Nc17).CountAsync(), Is.EqualTo(1));
        var wanted = new[] { MpaaRating.R, MpaaRating.Nc17 };
        Assert.That(await Database.FetchValAsync<long>("SELECT count(*) FROM films WHERE rating = ANY($1::mpaa_rating[])", wanted), Is.EqualTo(2),
            "an array of [PgEnum] values is sent as text[] of labels, which SQL casts");
    }

    [Test]
    public async Task A_label_the_enum_does_not_have_is_an_error_naming_the_column_the_text_and_the_labels()
    {
        await MigrateAndReloadTypesAsync(Models());
        await ExecuteAsync("ALTER TYPE mpaa_rating ADD VALUE 'Unrated'");
        await Database.DataSource.ReloadTypesAsync();
        await ExecuteAsync("INSERT INTO films (title, rating, mood) VALUES ('Odd', 'Unrated', 'Happy')");

        var error = Assert.ThrowsAsync<AksaraException>(() => Database.FetchAsync<Film>("SELECT * FROM films"));

        Assert.That(error!.Message, Does.Contain("Column \"rating\" holds 'Unrated'").And.Contain("(G, PG, PG-13, R, NC-17)"));
    }

    [Test]
    public async Task New_labels_are_added_in_their_place_in_a_script_of_their_own()
    {
        var before = await MigrateAndReloadTypesAsync(Models());
        await Database.InsertAsync(new Film { Title = "Alien", Rating = MpaaRating.R, Mood = Mood.Happy });

        var migration = await MigrateAndReloadTypesAsync(SchemaFromModels.Build([typeof(FilmWithPg15)]));

        Assert.That(migration.Scripts, Has.Count.EqualTo(2));
        Assert.That(migration.Scripts[0].Name, Does.EndWith("_enum_labels"));
        Assert.That(migration.Scripts[0].Up, Does.Contain("ALTER TYPE \"public\".\"mpaa_rating\" ADD VALUE IF NOT EXISTS 'PG-15' BEFORE 'R';")
            .And.Contain("ALTER TYPE \"public\".\"mpaa_rating\" ADD VALUE IF NOT EXISTS 'X' AFTER 'NC-17';"));
        Assert.That(migration.Scripts[0].Down, Does.Contain("PostgreSQL cannot drop an enum label"));
        Assert.That(migration.Scripts[1].Up, Does.Contain("DEFAULT 'PG-15'"), "the new label is used in the next script, after it committed");
        Assert.That(await ScalarAsync<string>("SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mpaa_rating'::regtype"),
            Is.EqualTo("G,PG,PG-13,PG-15,R,NC-17,X"));
        Assert.That((await Database.GetAsync<FilmWithPg15>(1))!.Suggested, Is.EqualTo(MpaaRatingWithPg15.Pg15));

        var reverted = await Runner().MigrateToAsync(before.Scripts[^1].Name, allowDestructive: true);
        Assert.That(reverted.Error, Is.Null);
        Assert.That(reverted.Reverted.Select(script => script.Name), Is.EqualTo(migration.Scripts.Select(script => script.Name).Reverse()));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM pg_attribute WHERE attrelid = 'films'::regclass AND attname = 'suggested'"), Is.Zero);
    }

    [Test]
    public void Removing_or_renaming_a_label_is_refused_with_the_way_to_do_it()
    {
        Generate(Models());

        var refused = Assert.Throws<MigrationRefusedException>(() => Generate(SchemaFromModels.Build([typeof(FilmWithoutR)]), new DiffOptions { AllowDestructive = true }));

        Assert.That(refused!.Message, Does.Contain("Enum type mpaa_rating: 'R' is no longer a label")
            .And.Contain("PostgreSQL cannot drop, rename or reorder an enum label")
            .And.Contain("[PgName(\"old label\")]"));
    }

    [Test]
    public async Task A_table_that_no_longer_uses_a_type_drops_it_after_the_columns()
    {
        await MigrateToAsync(Models());

        var migration = await MigrateToAsync(SchemaFromModels.Build([typeof(PlainFilm)]), new DiffOptions { AllowDestructive = true });

        var up = migration.Scripts.Single().Up;
        Assert.That(up.IndexOf("DROP TYPE \"public\".\"mpaa_rating\";", StringComparison.Ordinal), Is.GreaterThan(up.IndexOf("DROP TABLE", StringComparison.Ordinal)));
        Assert.That(migration.Scripts.Single().Down.IndexOf("CREATE TYPE \"public\".\"mpaa_rating\"", StringComparison.Ordinal),
            Is.LessThan(migration.Scripts.Single().Down.IndexOf("CREATE TABLE", StringComparison.Ordinal)));
    }

    [Test]
    public async Task The_drift_check_sees_a_missing_type_and_labels_changed_by_hand()
    {
        await MigrateToAsync(Models());
        await ExecuteAsync("ALTER TYPE mpaa_rating ADD VALUE 'Unrated' BEFORE 'G'");

        var report = await CheckDriftAsync();

        Assert.That(report.Lines, Is.EqualTo(new[]
        {
            "drift: mpaa_rating: enum type has the labels ('Unrated', 'G', 'PG', 'PG-13', 'R', 'NC-17') in the database, ('G', 'PG', 'PG-13', 'R', 'NC-17') in the snapshot",
        }));
        await ExecuteAsync("DROP TABLE films; DROP TYPE mpaa_rating");
        Assert.That((await CheckDriftAsync()).Differences.Select(difference => difference.Kind), Has.Member(DriftKind.EnumTypeMissing));
    }

    [Test]
    public async Task A_hand_made_enum_column_the_models_describe_differs_in_nothing()
    {
        await ExecuteAsync(""""
            CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');
            CREATE SCHEMA moods;
            CREATE TYPE moods."it's ""mood""" AS ENUM ('Happy', 'it''s');
            CREATE TABLE films (
                film_id integer GENERATED BY DEFAULT AS IDENTITY CONSTRAINT pk_films PRIMARY KEY,
                title text NOT NULL,
                rating mpaa_rating NOT NULL,
                previous mpaa_rating,
                mood moods."it's ""mood""" NOT NULL
            );
            """");

        var live = await ReadLiveSchemaAsync();

        Assert.That(new SchemaDiffer().Diff(live, Models()).Select(operation => operation.Describe()), Is.Empty);
        Generate(Models());
        Assert.That((await CheckDriftAsync()).Lines, Is.Empty);
    }

    [Test]
    public void The_snapshot_lists_the_types_and_reads_back_and_older_snapshots_still_read()
    {
        var snapshot = new SchemaSnapshot(Models(), "0001_initial");

        var json = snapshot.ToJson();

        Assert.That(json, Does.Contain("\"formatVersion\": 2").And.Contain("\"enumTypes\": [")
            .And.Contain("{\"schema\":\"public\",\"name\":\"mpaa_rating\",\"labels\":[\"G\",\"PG\",\"PG-13\",\"R\",\"NC-17\"]}"));
        Assert.That(SchemaSnapshot.Parse(json, "test").ToJson(), Is.EqualTo(json));
        var old = SchemaSnapshot.Parse("{\"formatVersion\": 1, \"tables\": []}", "old");
        Assert.That(old.Schema.EnumTypes, Is.Empty);
        Assert.That(new SchemaSnapshot(SchemaFromModels.Build([typeof(PlainFilm)]), null).ToJson(), Does.Contain("\"formatVersion\": 1").And.Not.Contain("enumTypes"));
    }
}
