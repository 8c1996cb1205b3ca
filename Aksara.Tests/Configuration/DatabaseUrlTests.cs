using Npgsql;

namespace Aksara.Tests.Configuration;

public class DatabaseUrlTests
{
    const string Secret = "s3cr3tPw";

    #region Examples of the libpq documentation ("Connection URIs")

    [Test]
    public void Bare_scheme_means_the_local_socket_and_defaults()
    {
        var url = DatabaseUrl.Parse("postgresql://");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost(null, null) }));
        Assert.That(url.Database, Is.Null);
        Assert.That(url.Username, Is.Null);
        Assert.That(url.Password, Is.Null);
        Assert.That(url.IsKeywordString, Is.False);
        Assert.That(url.Parameters, Is.Empty);
    }

    [Test]
    public void Empty_host_maps_onto_the_default_socket_directory()
    {
        var builder = DatabaseUrl.Parse("postgresql:///mydb").ToConnectionStringBuilder();

        Assert.That(builder.Database, Is.EqualTo("mydb"));
        if (OperatingSystem.IsWindows())
            Assert.That(builder.Host, Is.EqualTo("localhost"));
        else
            Assert.That(builder.Host, Is.AnyOf("/var/run/postgresql", "/tmp"));
    }

    [Test]
    public void Host_only()
    {
        var url = DatabaseUrl.Parse("postgresql://localhost");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("localhost", null) }));
        Assert.That(url.ToConnectionStringBuilder().Host, Is.EqualTo("localhost"));
        Assert.That(url.ToConnectionStringBuilder().Port, Is.EqualTo(5432));
    }

    [TestCase("postgres://localhost:/")]
    [TestCase("postgres://localhost:/db")]
    [TestCase("postgres://localhost:")]
    [TestCase("postgres://localhost/db?port=")]
    public void An_empty_port_is_the_default_port_as_in_libpq(string text)
    {
        var url = DatabaseUrl.Parse(text);

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("localhost", null) }));
        Assert.That(url.ToConnectionStringBuilder().Port, Is.EqualTo(5432));
    }

    [Test]
    public void An_empty_port_in_a_host_list_is_the_default_for_that_host()
    {
        var url = DatabaseUrl.Parse("postgresql://h1:,h2:5433/db");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("h1", null), new DatabaseHost("h2", 5433) }));
    }

    [Test]
    public void Host_and_port()
    {
        var url = DatabaseUrl.Parse("postgresql://localhost:5433");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("localhost", 5433) }));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Host, Is.EqualTo("localhost"));
        Assert.That(builder.Port, Is.EqualTo(5433));
    }

    [Test]
    public void Host_and_database()
    {
        var url = DatabaseUrl.Parse("postgresql://localhost/mydb");

        Assert.That(url.Database, Is.EqualTo("mydb"));
        Assert.That(url.ToConnectionStringBuilder().Database, Is.EqualTo("mydb"));
    }

    [Test]
    public void User_without_password()
    {
        var url = DatabaseUrl.Parse("postgresql://user@localhost");

        Assert.That(url.Username, Is.EqualTo("user"));
        Assert.That(url.Password, Is.Null);
        Assert.That(url.ToMaskedString(), Is.EqualTo("postgresql://user@localhost"));
    }

    [Test]
    public void User_and_password()
    {
        var url = DatabaseUrl.Parse("postgresql://user:secret@localhost");

        Assert.That(url.Username, Is.EqualTo("user"));
        Assert.That(url.Password, Is.EqualTo("secret"));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Username, Is.EqualTo("user"));
        Assert.That(builder.Password, Is.EqualTo("secret"));
        Assert.That(url.ToMaskedString(), Is.EqualTo("postgresql://user:***@localhost"));
    }

    [Test]
    public void Connect_timeout_and_application_name()
    {
        var url = DatabaseUrl.Parse("postgresql://other@localhost/otherdb?connect_timeout=10&application_name=myapp");

        Assert.That(url.Username, Is.EqualTo("other"));
        Assert.That(url.Database, Is.EqualTo("otherdb"));
        Assert.That(url.ApplicationName, Is.EqualTo("myapp"));
        Assert.That(url.Parameters, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["connect_timeout"] = "10",
            ["application_name"] = "myapp",
        }));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Timeout, Is.EqualTo(10));
        Assert.That(builder.ApplicationName, Is.EqualTo("myapp"));
    }

    [Test]
    public void Several_hosts_with_ports()
    {
        var url = DatabaseUrl.Parse("postgresql://host1:123,host2:456/somedb?target_session_attrs=any&application_name=myapp");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("host1", 123), new DatabaseHost("host2", 456) }));
        Assert.That(url.Database, Is.EqualTo("somedb"));
        Assert.That(url.TargetSessionAttributes, Is.EqualTo("any"));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Host, Is.EqualTo("host1:123,host2:456"));
        Assert.That(builder.TargetSessionAttributes, Is.EqualTo("any"));
        Assert.That(builder.ApplicationName, Is.EqualTo("myapp"));
    }

    [Test]
    public void Bracketed_ipv6_host()
    {
        var url = DatabaseUrl.Parse("postgresql://[2001:db8::1234]/database");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("2001:db8::1234", null) }));
        Assert.That(url.Database, Is.EqualTo("database"));
        Assert.That(url.ToConnectionStringBuilder().Host, Is.EqualTo("[2001:db8::1234]"));
    }

    [Test]
    public void Socket_directory_in_the_query()
    {
        var url = DatabaseUrl.Parse("postgresql:///dbname?host=/var/lib/postgresql");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("/var/lib/postgresql", null) }));
        Assert.That(url.Database, Is.EqualTo("dbname"));
        Assert.That(url.ToConnectionStringBuilder().Host, Is.EqualTo("/var/lib/postgresql"));
    }

    [Test]
    public void Percent_encoded_socket_directory_in_the_authority()
    {
        var url = DatabaseUrl.Parse("postgresql://%2Fvar%2Flib%2Fpostgresql/dbname");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("/var/lib/postgresql", null) }));
        Assert.That(url.Database, Is.EqualTo("dbname"));
        Assert.That(url.ToConnectionStringBuilder().Host, Is.EqualTo("/var/lib/postgresql"));
    }

    #endregion

    [Test]
    public void Example_of_the_issue()
    {
        var url = DatabaseUrl.Parse(
            "postgresql://app%40corp:p%40ss%3Aw0rd@[::1]:5433,db2.internal:5434/app?sslmode=require&application_name=shop&target_session_attrs=read-write");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("::1", 5433), new DatabaseHost("db2.internal", 5434) }));
        Assert.That(url.Username, Is.EqualTo("app@corp"));
        Assert.That(url.Password, Is.EqualTo("p@ss:w0rd"));
        Assert.That(url.Database, Is.EqualTo("app"));
        Assert.That(url.SslMode, Is.EqualTo("require"));
        Assert.That(url.ApplicationName, Is.EqualTo("shop"));
        Assert.That(url.TargetSessionAttributes, Is.EqualTo("read-write"));

        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Host, Is.EqualTo("[::1]:5433,db2.internal:5434"));
        Assert.That(builder.Username, Is.EqualTo("app@corp"));
        Assert.That(builder.Password, Is.EqualTo("p@ss:w0rd"));
        Assert.That(builder.Database, Is.EqualTo("app"));
        Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
        Assert.That(builder.ApplicationName, Is.EqualTo("shop"));
        Assert.That(builder.TargetSessionAttributes, Is.EqualTo("read-write"));

        Assert.That(url.ToMaskedString(), Does.Not.Contain("p@ss").And.Not.Contain("p%40ss").And.Not.Contain("w0rd"));
        Assert.That(url.ToMaskedString(), Is.EqualTo(
            "postgresql://app%40corp:***@[::1]:5433,db2.internal:5434/app?sslmode=require&application_name=shop&target_session_attrs=read-write"));
        Assert.That(url.ToString(), Is.EqualTo(url.ToMaskedString()));
    }

    [Test]
    public void Several_hosts_become_one_Npgsql_multi_host_data_source()
    {
        var builder = DatabaseUrl.Parse("postgresql://[::1]:5433,db2.internal/app?target_session_attrs=read-write").ToConnectionStringBuilder();

        using var dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).BuildMultiHost();
        Assert.That(dataSource, Is.InstanceOf<NpgsqlMultiHostDataSource>());
    }

    [Test]
    public void Postgres_scheme_is_accepted_too()
    {
        var url = DatabaseUrl.Parse("postgres://u@db.example.com:6543/app");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("db.example.com", 6543) }));
        Assert.That(url.ToMaskedString(), Is.EqualTo("postgres://u@db.example.com:6543/app"));
    }

    [Test]
    public void Single_ipv6_host_with_port()
    {
        var url = DatabaseUrl.Parse("postgresql://[::1]:5433/app");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("::1", 5433) }));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Host, Is.EqualTo("[::1]"));
        Assert.That(builder.Port, Is.EqualTo(5433));
    }

    [Test]
    public void Ports_are_optional_per_host_and_empty_hosts_mean_the_local_socket()
    {
        var url = DatabaseUrl.Parse("postgresql://h1,h2:5433,,[::1]/db");

        Assert.That(url.Hosts, Is.EqualTo(new[]
        {
            new DatabaseHost("h1", null), new DatabaseHost("h2", 5433), new DatabaseHost(null, null), new DatabaseHost("::1", null),
        }));
    }

    [Test]
    public void Path_may_be_absent_or_empty()
    {
        Assert.That(DatabaseUrl.Parse("postgresql://h").Database, Is.Null);
        Assert.That(DatabaseUrl.Parse("postgresql://h/").Database, Is.Null);
        Assert.That(DatabaseUrl.Parse("postgresql://h?sslmode=disable").Database, Is.Null);
    }

    [Test]
    public void Database_name_keys_and_values_are_percent_decoded()
    {
        var url = DatabaseUrl.Parse("postgresql://h/my%20db%2Fx?application%5Fname=my%20app%26co&options=-c%20statement_timeout%3D5s");

        Assert.That(url.Database, Is.EqualTo("my db/x"));
        Assert.That(url.ApplicationName, Is.EqualTo("my app&co"));
        Assert.That(url.Options, Is.EqualTo("-c statement_timeout=5s"));
        Assert.That(url.Parameters["application_name"], Is.EqualTo("my app&co"));
        Assert.That(url.ToConnectionStringBuilder().Options, Is.EqualTo("-c statement_timeout=5s"));
    }

    [Test]
    public void Plus_is_not_a_space()
    {
        Assert.That(DatabaseUrl.Parse("postgresql://a+b:c+d@h").Username, Is.EqualTo("a+b"));
        Assert.That(DatabaseUrl.Parse("postgresql://a+b:c+d@h").Password, Is.EqualTo("c+d"));
    }

    [Test]
    public void Query_parameters_override_the_uri_parts()
    {
        var url = DatabaseUrl.Parse($"postgresql://u:p@h1:1/db?user=v&password={Secret}&dbname=other&host=h2&port=2");

        Assert.That(url.Username, Is.EqualTo("v"));
        Assert.That(url.Password, Is.EqualTo(Secret));
        Assert.That(url.Database, Is.EqualTo("other"));
        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("h2", 2) }));
        Assert.That(url.ToMaskedString(), Is.EqualTo("postgresql://u:***@h1:1/db?user=v&password=***&dbname=other&host=h2&port=2"));
    }

    [Test]
    public void One_port_serves_every_host_as_in_libpq()
    {
        Assert.That(DatabaseUrl.Parse("postgresql:///db?host=a,b&port=5433").Hosts,
            Is.EqualTo(new[] { new DatabaseHost("a", 5433), new DatabaseHost("b", 5433) }));
        Assert.That(DatabaseUrl.Parse("postgresql://h:5433/db?host=a,b").Hosts,
            Is.EqualTo(new[] { new DatabaseHost("a", 5433), new DatabaseHost("b", 5433) }));
        Assert.That(DatabaseUrl.Parse("postgresql:///db?host=a,b&port=1,2").Hosts,
            Is.EqualTo(new[] { new DatabaseHost("a", 1), new DatabaseHost("b", 2) }));
    }

    [Test]
    public void Every_parameter_is_mapped_onto_Npgsql()
    {
        var url = DatabaseUrl.Parse(
            "postgresql://h1,h2/db?sslmode=verify-full&connect_timeout=7&application_name=app&options=-c%20x%3D1" +
            "&search_path=s1,public&target_session_attrs=prefer-standby&load_balance_hosts=random" +
            "&sslrootcert=/certs/root.crt&sslcert=/certs/client.crt&sslkey=/certs/client.key");

        Assert.That(url.SearchPath, Is.EqualTo("s1,public"));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.SslMode, Is.EqualTo(SslMode.VerifyFull));
        Assert.That(builder.Timeout, Is.EqualTo(7));
        Assert.That(builder.ApplicationName, Is.EqualTo("app"));
        Assert.That(builder.Options, Is.EqualTo("-c x=1"));
        Assert.That(builder.SearchPath, Is.EqualTo("s1,public"));
        Assert.That(builder.TargetSessionAttributes, Is.EqualTo("prefer-standby"));
        Assert.That(builder.LoadBalanceHosts, Is.True);
        Assert.That(builder.RootCertificate, Is.EqualTo("/certs/root.crt"));
        Assert.That(builder.SslCertificate, Is.EqualTo("/certs/client.crt"));
        Assert.That(builder.SslKey, Is.EqualTo("/certs/client.key"));
        Assert.That(DatabaseUrl.Parse("postgresql://h1,h2?load_balance_hosts=disable").ToConnectionStringBuilder().LoadBalanceHosts, Is.False);
    }

    [TestCase("disable", SslMode.Disable)]
    [TestCase("allow", SslMode.Allow)]
    [TestCase("prefer", SslMode.Prefer)]
    [TestCase("require", SslMode.Require)]
    [TestCase("verify-ca", SslMode.VerifyCA)]
    [TestCase("verify-full", SslMode.VerifyFull)]
    [TestCase("REQUIRE", SslMode.Require)]
    public void Sslmode_maps_onto_the_Npgsql_enum(string sslmode, SslMode expected)
    {
        var url = DatabaseUrl.Parse($"postgresql://h/db?sslmode={sslmode}");

        Assert.That(url.SslMode, Is.EqualTo(sslmode.ToLowerInvariant()));
        Assert.That(url.ToConnectionStringBuilder().SslMode, Is.EqualTo(expected));
    }

    [Test]
    public void Target_session_of_a_single_host_stays_out_of_the_builder_which_Npgsql_would_refuse()
    {
        var url = DatabaseUrl.Parse("postgresql://h/db?target_session_attrs=read-write");

        Assert.That(url.TargetSessionAttributes, Is.EqualTo("read-write"));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.TargetSessionAttributes, Is.Null);
        using var dataSource = NpgsqlDataSource.Create(builder);
        Assert.That(dataSource, Is.Not.Null);
    }

    [Test]
    public void Password_with_unencoded_slash_at_and_colon_stays_in_the_password()
    {
        var url = DatabaseUrl.Parse("postgresql://u:pa/ss@w:rd@h:5433/db");

        Assert.That(url.Username, Is.EqualTo("u"));
        Assert.That(url.Password, Is.EqualTo("pa/ss@w:rd"));
        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("h", 5433) }));
        Assert.That(url.ToMaskedString(), Is.EqualTo("postgresql://u:***@h:5433/db"));
    }

    [Test]
    public void Masked_string_hides_every_password_and_reencodes_the_user()
    {
        Assert.That(DatabaseUrl.Parse($"postgresql://h/db?PassWord={Secret}&sslmode=require").ToMaskedString(),
            Is.EqualTo("postgresql://h/db?PassWord=***&sslmode=require"));
        Assert.That(DatabaseUrl.Parse("postgresql://us%65r@h").ToMaskedString(), Is.EqualTo("postgresql://user@h"));
        Assert.That(DatabaseUrl.Parse("postgresql://j%C3%BCrgen:x@h").ToMaskedString(), Is.EqualTo("postgresql://j%C3%BCrgen:***@h"));
        Assert.That(DatabaseUrl.Parse("postgresql://u:@h").ToMaskedString(), Is.EqualTo("postgresql://u@h"));
    }

    #region Hostile input

    [TestCase("postgresql://h/'; DROP TABLE x; --")]
    [TestCase("postgresql://h/%27%3B%20DROP%20TABLE%20x%3B%20--")]
    public void Sql_in_the_database_name_survives_verbatim(string text)
    {
        var builder = DatabaseUrl.Parse(text).ToConnectionStringBuilder();

        Assert.That(builder.Database, Is.EqualTo("'; DROP TABLE x; --"));
        Assert.That(new NpgsqlConnectionStringBuilder(builder.ConnectionString).Database, Is.EqualTo("'; DROP TABLE x; --"));
    }

    [Test]
    public void Quotes_and_semicolons_in_the_password_survive_the_connection_string()
    {
        const string password = "p\"a'ss;word=1";
        var url = DatabaseUrl.Parse($"postgresql://u:{Uri.EscapeDataString(password)}@h/db?application_name=%22x%22%3By");

        var roundTripped = new NpgsqlConnectionStringBuilder(url.ToConnectionStringBuilder().ConnectionString);
        Assert.That(roundTripped.Password, Is.EqualTo(password));
        Assert.That(roundTripped.ApplicationName, Is.EqualTo("\"x\";y"));
        Assert.That(roundTripped.Host, Is.EqualTo("h"));
    }

    [TestCase("postgresql://ユーザー:パス@h/データ", "ユーザー", "データ")]
    [TestCase("postgresql://%E3%83%A6%E3%83%BC%E3%82%B6%E3%83%BC@h/%E3%83%87%E3%83%BC%E3%82%BF", "ユーザー", "データ")]
    [TestCase("postgresql://J%C3%BCrgen@h/db", "Jürgen", "db")]
    public void Unicode_names(string text, string user, string database)
    {
        var url = DatabaseUrl.Parse(text);

        Assert.That(url.Username, Is.EqualTo(user));
        Assert.That(url.Database, Is.EqualTo(database));
        Assert.That(url.ToConnectionStringBuilder().Username, Is.EqualTo(user));
    }

    #endregion

    #region Keyword strings

    [Test]
    public void Npgsql_keyword_string()
    {
        var url = DatabaseUrl.Parse($"Host=localhost;Port=5432;Database=app;Username=u;Password={Secret};SSL Mode=VerifyCA;Timeout=30");

        Assert.That(url.IsKeywordString, Is.True);
        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("localhost", 5432) }));
        Assert.That(url.Database, Is.EqualTo("app"));
        Assert.That(url.Username, Is.EqualTo("u"));
        Assert.That(url.Password, Is.EqualTo(Secret));
        Assert.That(url.SslMode, Is.EqualTo("verify-ca"));
        Assert.That(url.Parameters["connect_timeout"], Is.EqualTo("30"));
        var builder = url.ToConnectionStringBuilder();
        Assert.That(builder.Host, Is.EqualTo("localhost"));
        Assert.That(builder.Password, Is.EqualTo(Secret));
        Assert.That(url.ToMaskedString(), Does.Contain("Password=***").And.Not.Contain(Secret));
    }

    [Test]
    public void Npgsql_keyword_string_with_several_hosts()
    {
        var url = DatabaseUrl.Parse("Server=[::1]:5433,db2,::1;Port=5434;Target Session Attributes=primary;Load Balance Hosts=true");

        Assert.That(url.Hosts, Is.EqualTo(new[] { new DatabaseHost("::1", 5433), new DatabaseHost("db2", 5434), new DatabaseHost("::1", 5434) }));
        Assert.That(url.TargetSessionAttributes, Is.EqualTo("primary"));
        Assert.That(url.Parameters["load_balance_hosts"], Is.EqualTo("random"));
        Assert.That(url.Username, Is.Null);
    }

    [TestCase("Host=x;Port=abc;Password=" + Secret, "port")]
    [TestCase("Host=x;Bogus=1;Password=" + Secret, "bogus")]
    [TestCase("Host=x;Password=" + Secret + ";x7q9=z", "Couldn't set")]
    [TestCase("Host=x;Password=\"" + Secret, "Format of the initialization string")]
    public void Invalid_keyword_string_keeps_Npgsql_message_without_the_password(string text, string expected)
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => DatabaseUrl.Parse(text));

        Assert.That(error.Message, Does.Contain(expected));
        Assert.That(error.Message, Does.Not.Contain(Secret).And.Not.Contain("x7q9"));
        Assert.That(error.InnerException, Is.Null);
    }

    #endregion

    #region Errors

    static string MessageOf(string text)
    {
        var error = Assert.Throws<AksaraConfigurationException>(() => DatabaseUrl.Parse(text));
        Assert.That(error.Message, Does.Not.Contain(Secret));
        return error.Message;
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\n\t")]
    public void Empty_value(string text)
    {
        Assert.That(MessageOf(text), Does.Contain("empty").And.Contain("postgresql://"));
    }

    [Test]
    public void Null_value_fails_TryParse()
    {
        Assert.That(DatabaseUrl.TryParse(null, out var url, out var error), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(error, Does.Contain("empty"));
    }

    [Test]
    public void TryParse_reports_success_and_failure()
    {
        Assert.That(DatabaseUrl.TryParse("postgresql://h/db", out var url, out var error), Is.True);
        Assert.That(url!.Database, Is.EqualTo("db"));
        Assert.That(error, Is.Null);

        Assert.That(DatabaseUrl.TryParse($"mysql://u:{Secret}@h/db", out url, out error), Is.False);
        Assert.That(url, Is.Null);
        Assert.That(error, Does.Contain("\"mysql://\"").And.Not.Contain(Secret));
    }

    [TestCase("mysql", "mysql://u:***@h/db?password=***")]
    [TestCase("http", "http://u:***@h/db?password=***")]
    public void Unknown_scheme_shows_the_masked_url(string scheme, string masked)
    {
        var message = MessageOf($"{scheme}://u:{Secret}@h/db?password={Secret}");

        Assert.That(message, Does.Contain($"\"{scheme}://\"").And.Contain(masked).And.Contain("postgresql://"));
    }

    [Test]
    public void Neither_url_nor_keyword_string_is_not_echoed()
    {
        var message = MessageOf(Secret);

        Assert.That(message, Does.Contain("neither").And.Contain("postgresql://"));
    }

    [Test]
    public void Unknown_parameter_lists_the_accepted_ones()
    {
        var message = MessageOf($"postgresql://u:{Secret}@h/db?sslmod=require");

        Assert.That(message, Does.Contain("\"sslmod\""));
        Assert.That(message, Does.Contain("sslmode, sslrootcert").And.Contain("search_path").And.Contain("load_balance_hosts"));
    }

    [Test]
    public void Parameter_without_equals_sign()
    {
        Assert.That(MessageOf($"postgresql://u:{Secret}@h/db?sslmode"), Does.Contain("\"sslmode\"").And.Contain("name=value"));
    }

    [Test]
    public void Parameter_with_two_equals_signs()
    {
        Assert.That(MessageOf($"postgresql://u:{Secret}@h/db?application_name=a=b"),
            Does.Contain("\"application_name=a=b\"").And.Contain("%3D"));
    }

    [Test]
    public void Password_parameter_with_two_equals_signs_is_not_echoed()
    {
        Assert.That(MessageOf($"postgresql://h/db?password={Secret}=x"), Does.Contain("password").And.Contain("%3D"));
    }

    [TestCase("postgresql://h/d%zzb", "\"%zz\"", "the database name")]
    [TestCase("postgresql://us%1@h/db", "\"%1\"", "the user name")]
    [TestCase("postgresql://h%/db", "\"%\"", "the host")]
    [TestCase("postgresql://h/db%00", "\"%00\"", "NUL")]
    [TestCase("postgresql://h/db?application_name=a%g1", "\"%g1\"", "query parameter \"application_name\"")]
    [TestCase("postgresql://h/db?ssl%zzmode=require", "\"%zz\"", "query parameter name")]
    [TestCase("postgresql://h/%C3%28", "not valid UTF-8", "the database name")]
    public void Bad_percent_escape_names_the_part(string text, string escape, string part)
    {
        var message = MessageOf(text);

        Assert.That(message, Does.Contain(escape).And.Contain(part));
    }

    [TestCase("postgresql://u:s3cr%zz3tPw@h/db")]
    [TestCase("postgresql://u:s3cr3tPw%@h/db")]
    [TestCase("postgresql://u:s3cr3tPw%1@h/db")]
    [TestCase("postgresql://u:s3cr%003tPw@h/db")]
    [TestCase("postgresql://h/db?password=s3cr3tPw%zz")]
    [TestCase("postgresql://h/db?password=s3cr%003tPw")]
    public void Bad_percent_escape_in_the_password_is_not_echoed(string text)
    {
        var message = MessageOf(text);

        Assert.That(message, Does.Contain("in the password"));
        Assert.That(message, Does.Not.Contain("s3cr").And.Not.Contain("%zz").And.Not.Contain("%00"));
    }

    [TestCase("postgresql://u:" + Secret + "@[::1/db", "Unterminated", "\"[::1\"")]
    [TestCase("postgresql://u:" + Secret + "@[::1,h2/db", "Unterminated", "\"[::1,h2\"")]
    [TestCase("postgresql://u:" + Secret + "@[]:5432/db", "Empty IPv6 address", "\"[]\"")]
    [TestCase("postgresql://u:" + Secret + "@[::1]x:5432,h2/db", "Unexpected \"x:5432\"", "\"[::1]\"")]
    public void Malformed_ipv6_brackets(string text, string problem, string part)
    {
        Assert.That(MessageOf(text), Does.Contain(problem).And.Contain(part));
    }

    [TestCase("postgresql://u:" + Secret + "@h:0/db", "\"0\"")]
    [TestCase("postgresql://u:" + Secret + "@h:65536/db", "\"65536\"")]
    [TestCase("postgresql://u:" + Secret + "@h:abc/db", "\"abc\"")]
    [TestCase("postgresql://u:" + Secret + "@h1:5432,h2:-1/db", "\"-1\"")]
    [TestCase("postgresql://u:" + Secret + "@h/db?port=99999", "\"99999\"")]
    [TestCase("postgresql://u:" + Secret + "@h/db?port=x", "\"x\"")]
    public void Port_out_of_range(string text, string port)
    {
        Assert.That(MessageOf(text), Does.Contain($"Invalid port {port}").And.Contain("1 to 65535"));
    }

    [Test]
    public void Unbracketed_ipv6_address_gets_a_hint()
    {
        Assert.That(MessageOf("postgresql://::1/db"), Does.Contain("brackets"));
    }

    [Test]
    public void Port_count_must_match_the_host_count()
    {
        Assert.That(MessageOf($"postgresql://u:{Secret}@h1:1,h2:2/db?host=a,b,c"),
            Does.Contain("3 hosts but 2 ports").And.Contain("postgresql://u:***@h1:1,h2:2/db?host=a,b,c"));
    }

    [TestCase("sslmode=requir", "\"requir\"", "verify-full")]
    [TestCase("target_session_attrs=master", "\"master\"", "prefer-standby")]
    [TestCase("load_balance_hosts=yes", "\"yes\"", "random")]
    [TestCase("connect_timeout=ten", "\"ten\"", "seconds")]
    [TestCase("connect_timeout=-1", "\"-1\"", "seconds")]
    [TestCase("connect_timeout=5000", "\"5000\"", "1024")]
    public void Invalid_parameter_values(string query, string value, string fix)
    {
        Assert.That(MessageOf($"postgresql://u:{Secret}@h/db?{query}"), Does.Contain(value).And.Contain(fix));
    }

    #endregion
}
