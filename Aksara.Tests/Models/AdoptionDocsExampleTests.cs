using Aksara.Migrations.Ddl;
using Aksara.Migrations.Diffing;
using Aksara.Migrations.Schema;
using Aksara.Tests.Migrations;
using Aksara.Tests.Starter;

namespace Aksara.Tests.Models;

/// <summary>
/// The examples of docs/models.md's "Describing an existing database", verbatim: the SQL the page shows is what
/// makemigrations writes for the models it shows, and it applies.
/// </summary>
public sealed class AdoptionDocsExampleTests : MigrationTestBase
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(StarterProject.RepositoryRoot, "docs", "models.md")).ReplaceLineEndings("\n");

    [Table("language")]
    public sealed class Language
    {
        [PrimaryKey(Name = "language_pkey")]
        public int LanguageId { get; set; }

        [Unique(Name = "language_name_key")]
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

    [PgEnum("mpaa_rating")]
    public enum MpaaRating
    {
        G,
        PG,
        [NpgsqlTypes.PgName("PG-13")] Pg13,
        R,
        [NpgsqlTypes.PgName("NC-17")] Nc17,
    }

    [Table("film")]
    public sealed class Film
    {
        [PrimaryKey]
        public int FilmId { get; set; }

        public string Title { get; set; } = "";

        public MpaaRating Rating { get; set; }
    }

    [Test]
    public async Task PostgreSQL_enum_types()
    {
        var models = SchemaFromModels.Build([typeof(Film)]);

        AssertOnPage(Ddl(models));
        await MigrateToAsync(models);
        await Database.DataSource.ReloadTypesAsync();
        var film = await Database.InsertAsync(new Film { Title = "Alien", Rating = MpaaRating.Pg13 });
        Assert.That(await ScalarAsync<string>("SELECT rating::text FROM film"), Is.EqualTo("PG-13"));
        Assert.That(await Database.Table<Film>().Where(f => f.Rating == MpaaRating.Pg13).CountAsync(), Is.EqualTo(1));
        Assert.That((await Database.GetAsync<Film>(film.FilmId))!.Rating, Is.EqualTo(MpaaRating.Pg13));
        await Database.InsertAsync(new Film { Title = "Saw", Rating = MpaaRating.Nc17 });
        var db = Database;
        Assert.That((await db.FetchAsync<Film>("SELECT * FROM film WHERE rating = ANY($1::mpaa_rating[])", new[] { MpaaRating.R, MpaaRating.Nc17 })).Select(f => f.Title),
            Is.EqualTo(new[] { "Saw" }));
        AssertOnPage("`await db.FetchAsync<Film>(\"SELECT * FROM film WHERE rating = ANY($1::mpaa_rating[])\", new[] { MpaaRating.R, MpaaRating.Nc17 })`");
        var wanted = new[] { MpaaRating.R, MpaaRating.Nc17 };
        AssertOnPage("`db.Table<Film>().Where(f => wanted.Contains(f.Rating))`");
        Assert.That((await db.Table<Film>().Where(f => wanted.Contains(f.Rating)).ToListAsync()).Select(f => f.Title), Is.EqualTo(new[] { "Saw" }));
        var withNull = new MpaaRating?[] { MpaaRating.Pg13, null };
        Assert.That((await db.Table<Film>().Where(f => withNull.Contains(f.Rating)).ToListAsync()).Select(f => f.Title), Is.EqualTo(new[] { "Alien" }));
    }

    [Table("orders")]
    public sealed class Order
    {
        [PrimaryKey(Name = "orders_pkey"), Default("nextval('orders_id_seq'::regclass)")]
        public int Id { get; set; }

        public string Code { get; set; } = "";
    }

    [Table("subscribers")]
    public sealed class Subscriber
    {
        [PrimaryKey]
        public int Id { get; set; }

        [Column(Type = "email_address")]
        public string Email { get; set; } = "";
    }

    [Test]
    public async Task Serial_columns()
    {
        var models = SchemaFromModels.Build([typeof(Order)]);

        AssertOnPage(string.Join("\n", Ddl(models).TrimEnd('\n').Split('\n').Select(line => "  " + line)) + "\n");
        await MigrateToAsync(models);
        Assert.That((await Database.InsertAsync(new Order { Code = "a" })).Id, Is.EqualTo(1));
    }

    [Test]
    public async Task Domains()
    {
        await ExecuteAsync("CREATE DOMAIN email_address AS text CHECK (VALUE ~ '@')");
        await MigrateToAsync(SchemaFromModels.Build([typeof(Subscriber)]));

        Assert.That((await Database.InsertAsync(new Subscriber { Email = "ada@example.com" })).Id, Is.EqualTo(1));
        Assert.ThrowsAsync<CheckViolationException>(() => Database.InsertAsync(new Subscriber { Email = "nobody" }));
    }

    [Test]
    public async Task Constraint_names_keys_and_actions()
    {
        var models = SchemaFromModels.Build([typeof(Language), typeof(FilmActor)]);

        AssertOnPage(Ddl(models));
        await MigrateToAsync(models);
        await Database.InsertAsync(new Language { LanguageId = 1, Name = "English" });
        await Database.InsertAsync(new FilmActor { ActorId = 7, FilmId = 3, Role = "lead", LanguageId = 1 });
        Assert.That((await Database.GetAsync<FilmActor>((3, 7)))?.Role, Is.EqualTo("lead"));
        Assert.That(await Database.DeleteAsync<FilmActor>((3, 7)), Is.True);
    }

    /// <summary>The statements makemigrations writes for a new database, without the script's header and lock settings.</summary>
    internal static string Ddl(DatabaseSchema models) =>
        string.Join("\n", new SchemaDiffer().Diff(DatabaseSchema.Empty, models).SelectMany(PostgresDdlWriter.Write)) + "\n";

    internal static void AssertOnPage(string text) =>
        Assert.That(s_page, Does.Contain(text), "docs/models.md should show, verbatim:\n" + text);
}
