using System.Text;
using Aksara.Cli.Setup;
using Aksara.Configuration;

namespace Aksara.Tests.Cli;

/// <summary>The pieces of dbsetup that need no server: the .env rewrite, the URL it writes, and name rules.</summary>
public sealed class DbSetupEnvFileTests
{
    [Test]
    public void Only_the_assignment_line_changes_keeping_prefix_quotes_and_everything_else()
    {
        const string before = "# comment\n  export DATABASE_URL=\"old\"  \nOTHER='x'\n\nDATABASE_URLS=not-ours\n";

        var after = EnvFileEditor.SetVariable(before, "DATABASE_URL", "postgresql://u@h:5432/db");

        Assert.That(after, Is.EqualTo("# comment\n  export DATABASE_URL=\"postgresql://u@h:5432/db\"\nOTHER='x'\n\nDATABASE_URLS=not-ours\n"));
    }

    [Test]
    public void Line_endings_and_a_missing_final_newline_are_kept()
    {
        const string before = "A=1\r\nDATABASE_URL=old\r\nB=2";

        Assert.That(EnvFileEditor.SetVariable(before, "DATABASE_URL", "new"), Is.EqualTo("A=1\r\nDATABASE_URL=new\r\nB=2"));
    }

    [Test]
    public void A_missing_variable_is_appended_on_a_line_of_its_own()
    {
        Assert.Multiple(() =>
        {
            Assert.That(EnvFileEditor.SetVariable("A=1", "DATABASE_URL", "new"), Is.EqualTo("A=1\nDATABASE_URL=new\n"));
            Assert.That(EnvFileEditor.SetVariable("A=1\r\n", "DATABASE_URL", "new"), Is.EqualTo("A=1\r\nDATABASE_URL=new\r\n"));
            Assert.That(EnvFileEditor.SetVariable("", "DATABASE_URL", "new"), Is.EqualTo("DATABASE_URL=new\n"));
        });
    }

    [Test]
    public void Lines_inside_another_multi_line_value_are_not_assignments_and_an_old_multi_line_value_goes_whole()
    {
        const string before = "NOTE=\"one\nDATABASE_URL=inside\ntwo\"\nDATABASE_URL=\"old\nstill old\"\nZ=1\n";

        var after = EnvFileEditor.SetVariable(before, "DATABASE_URL", "new");

        Assert.That(after, Is.EqualTo("NOTE=\"one\nDATABASE_URL=inside\ntwo\"\nDATABASE_URL=\"new\"\nZ=1\n"));
    }

    [Test]
    public async Task Files_keep_their_byte_order_mark_and_new_files_are_private()
    {
        var folder = DbSetupRunner.NewProjectFolder("envfile");
        try
        {
            var withBom = Path.Combine(folder, "bom.env");
            await File.WriteAllBytesAsync(withBom, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("X=é\nDATABASE_URL=old\n")]);
            var created = Path.Combine(folder, "new.env");

            await EnvFileEditor.SetVariableAsync(withBom, "DATABASE_URL", "new");
            await EnvFileEditor.SetVariableAsync(created, "DATABASE_URL", "new");

            Assert.Multiple(async () =>
            {
                Assert.That(await File.ReadAllBytesAsync(withBom), Is.EqualTo((byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("X=é\nDATABASE_URL=new\n")]));
                Assert.That(await File.ReadAllTextAsync(created), Is.EqualTo("DATABASE_URL=new\n"));
                if (!OperatingSystem.IsWindows())
                    Assert.That(File.GetUnixFileMode(created), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void The_written_URL_percent_encodes_credentials_brackets_IPv6_and_parses_back()
    {
        var url = PostgresUrl.Build("::1", 5433, "us@r", "p@ss:w/rd?#%", "my-app");
        var parsed = DatabaseUrl.Parse(url);

        Assert.Multiple(() =>
        {
            Assert.That(url, Is.EqualTo("postgresql://us%40r:p%40ss%3Aw%2Frd%3F%23%25@[::1]:5433/my-app"));
            Assert.That(parsed.Username, Is.EqualTo("us@r"));
            Assert.That(parsed.Password, Is.EqualTo("p@ss:w/rd?#%"));
            Assert.That(parsed.Hosts.Single(), Is.EqualTo(new DatabaseHost("::1", 5433)));
            Assert.That(parsed.Database, Is.EqualTo("my-app"));
        });
    }

    [TestCase("My App", "my_app")]
    [TestCase("2024-shop", "app_2024_shop")]
    [TestCase("---", "app")]
    [TestCase("Café", "caf")]
    public void Default_database_name_comes_from_the_folder(string folder, string expected)
    {
        var name = DatabaseNames.FromFolderName(folder);

        Assert.Multiple(() =>
        {
            Assert.That(name, Is.EqualTo(expected));
            Assert.That(DatabaseNames.IsValid(name), Is.True);
        });
    }

    [TestCase("my-app'; DROP", false)]
    [TestCase("app\"x", false)]
    [TestCase("", false)]
    [TestCase("1app", false)]
    [TestCase("my-app_2", true)]
    public void Database_names_are_validated(string name, bool valid)
    {
        Assert.That(DatabaseNames.IsValid(name), Is.EqualTo(valid));
        Assert.That(DatabaseNames.IsValid(new string('a', 64)), Is.False);
    }

    [Test]
    public void Identifiers_are_quoted_with_inner_quotes_doubled()
    {
        Assert.That(DatabaseNames.QuoteIdentifier("my-app\"; DROP"), Is.EqualTo("\"my-app\"\"; DROP\""));
    }
}
